import dataclasses
import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from meetings.enums import (
    AccessLevel,
    AgendaItemKind,
    MeetingFormat,
    MeetingStatus,
    OfficerRole,
    RegistrationRole,
)
from members.models import Organization

# Council Decision 556: one-language contributions are due 12 calendar days before opening.
CONTRIBUTION_DEADLINE_DAYS = 12
# Paths at the root of the site that a group's slug may not take (a test finds them all).
RESERVED_SLUGS = {
    "accounts",
    "admin",
    "desk",
    "documents",
    "groups",
    "health",
    "i18n",
    "media",
    "my",
    "search",
    "static",
}


def validate_group_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved by the site."), params={"slug": value})


@dataclasses.dataclass(frozen=True)
class Deadline:
    """One deadline of a meeting as a delegate sees it at `now`: when, and whether passed."""

    label: str
    at: datetime.datetime
    now: datetime.datetime
    time_zone: str

    @property
    def passed(self):
        return self.now > self.at


def _time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class ExpertGroup(models.Model):
    """An expert group of a parent body, with its mandate, terms of reference and officers."""

    acronym = models.CharField(_("acronym"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), unique=True, validators=[validate_group_slug])
    parent_body = models.CharField(_("parent body"), max_length=200, default="ITU Council")
    parent_body_in_sentence = models.CharField(
        _("parent body in a sentence"),
        max_length=200,
        blank=True,
        help_text=_(
            "How a report names the parent body within a sentence: “the Council”, “TSAG”. "
            "Empty: its name."
        ),
    )
    parent_body_series = models.CharField(
        _("parent-body document series"),
        max_length=50,
        blank=True,
        help_text=_(
            "How the parent body's document numbers start, {yy} standing for the year of "
            "the session: “C{yy}/” numbers Council 2024's documents C24/…."
        ),
    )
    references = models.TextField(
        _("references"),
        blank=True,
        help_text=_("The instruments that establish the group, one per line."),
    )
    mandate = models.TextField(
        _("mandate"), blank=True, help_text=_("How the group was convened and what it is to do.")
    )
    terms_of_reference_intro = models.TextField(
        _("terms of reference (introduction)"),
        blank=True,
        help_text=_("The sentence that introduces the items of the terms of reference."),
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    default_access = models.CharField(
        _("default document access"),
        max_length=20,
        choices=AccessLevel.choices,
        default=AccessLevel.PUBLIC,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("expert group")
        verbose_name_plural = _("expert groups")

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        return reverse("meetings:group_detail", args=[self.slug])

    @property
    def parent_body_named(self):
        """The parent body as a sentence names it ("the Council")."""
        return self.parent_body_in_sentence or self.parent_body

    @property
    def reference_list(self):
        return [line.strip() for line in self.references.splitlines() if line.strip()]


class TermOfReference(models.Model):
    group = models.ForeignKey(
        ExpertGroup,
        on_delete=models.CASCADE,
        related_name="terms_of_reference",
        verbose_name=_("group"),
    )
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "order", "pk"]
        verbose_name = _("term of reference")
        verbose_name_plural = _("terms of reference")

    def __str__(self):
        return self.text[:80]


class OfficerQuerySet(models.QuerySet):
    def current(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
        )


class Officer(models.Model):
    """A chair, vice-chair or secretary of a group; linked to a user to read drafts."""

    group = models.ForeignKey(
        ExpertGroup, on_delete=models.CASCADE, related_name="officers", verbose_name=_("group")
    )
    name = models.CharField(
        _("name or title"),
        max_length=200,
        help_text=_("As it should appear on public pages, e.g. “Chair of the EG-ITRs”."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officer_roles",
        verbose_name=_("user account"),
    )
    role = models.CharField(_("role"), max_length=20, choices=OfficerRole.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        verbose_name=_("organization"),
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = OfficerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "order", "pk"]
        verbose_name = _("officer")
        verbose_name_plural = _("officers")

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class MeetingQuerySet(models.QuerySet):
    def open_for_contributions(self, *, at=None):
        """The meetings that take contributions at `at`, as a list (one query).

        The database narrows to open meetings whose last day is not over somewhere on
        Earth; each meeting's own time zone decides the rest, as
        `Meeting.accepts_contributions` does for one.
        """
        at = at or timezone.now()
        candidates = self.filter(
            status=MeetingStatus.OPEN,
            end_date__gte=(at - datetime.timedelta(days=1)).date(),
        )
        return [meeting for meeting in candidates if meeting.accepts_contributions(at=at)]


class Meeting(models.Model):
    group = models.ForeignKey(
        ExpertGroup, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("group")
    )
    ordinal = models.PositiveSmallIntegerField(
        _("number"), help_text=_("1 for the first meeting of the group, 2 for the second, …")
    )
    start_date = models.DateField(_("opens"))
    end_date = models.DateField(_("closes"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    format = models.CharField(
        _("format"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Zurich", choices=_time_zone_choices
    )
    contribution_deadline = models.DateTimeField(
        _("contribution deadline"),
        blank=True,
        help_text=_("Left empty: 12 calendar days before opening, 23:59 meeting time."),
    )
    translation_deadline = models.DateTimeField(_("translation deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "start_date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "ordinal"], name="meeting_group_ordinal_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="meeting_dates_in_order"
            ),
        ]

    def __str__(self):
        # `title` is lazy (translated when shown); __str__ must return a real str.
        return str(self.title)

    def save(self, *args, **kwargs):
        if self.contribution_deadline is None and self.start_date:
            self.contribution_deadline = self.default_contribution_deadline()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("proceedings:meeting_detail", args=[self.group.slug, self.ordinal])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A meeting cannot close before it opens.")})

    @property
    def title(self):
        return format_lazy(
            pgettext_lazy("meeting title", "{group} meeting {ordinal}"),
            group=self.group.acronym,
            ordinal=self.ordinal,
        )

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def local_time(self, value):
        """`value` as the meeting's participants read it: "30 January 2024, 16:00 CET"."""
        if value is None:
            return ""
        local = timezone.localtime(value, self.tz)
        return f"{date_format(local, 'j F Y, H:i')} {local.tzname()}"

    def default_contribution_deadline(self):
        day = self.start_date - datetime.timedelta(days=CONTRIBUTION_DEADLINE_DAYS)
        return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=self.tz)

    def is_after_translation_deadline(self, *, at):
        """Submitted at `at`, a document cannot be translated in time for the meeting."""
        return self.translation_deadline is not None and at > self.translation_deadline

    def has_ended(self, *, at):
        """After the meeting's last day, in its own time zone: nothing more is submitted."""
        return at.astimezone(self.tz).date() > self.end_date

    def accepts_contributions(self, *, at=None):
        """Open for contributions, and its last day not yet over in its own time zone."""
        at = at or timezone.now()
        return self.status == MeetingStatus.OPEN and not self.has_ended(at=at)

    def is_late(self, *, at):
        """A contribution submitted at `at` is late (unless its kind is never late)."""
        return self.contribution_deadline is not None and at > self.contribution_deadline

    def deadlines(self, *, now=None):
        """The contribution and translation deadlines (when set), as delegates are shown them."""
        now = now or timezone.now()
        found = [
            (_("Contribution deadline"), self.contribution_deadline),
            (_("Translation deadline"), self.translation_deadline),
        ]
        return [
            Deadline(label=label, at=at, now=now, time_zone=self.time_zone)
            for label, at in found
            if at is not None
        ]


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    number = models.CharField(_("number"), max_length=10, help_text=_("“3” or “3.1”."))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=AgendaItemKind.choices,
        default=AgendaItemKind.ITEM,
        help_text=_("The meeting report writes the opening, the agenda and the closing here."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        # By the column, not the relation: "meeting" would sort by the meeting's own
        # ordering, joining meetings and groups into every query of these rows. The same
        # for the rows of decisions, statements, work plans and reports.
        ordering = ["meeting_id", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="agenda_item_meeting_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Registration(models.Model):
    """A participant of a meeting: together they are the list of participants."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("meeting")
    )
    name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("user account"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("organization"),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=RegistrationRole.choices,
        default=RegistrationRole.DELEGATE,
    )
    attended = models.BooleanField(_("attended"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting_id", "organization__name", "name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")

    def __str__(self):
        return f"{self.name} ({self.organization})"
