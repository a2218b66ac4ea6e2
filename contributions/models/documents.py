"""The register: documents, their sources, files and translations."""

import uuid
from pathlib import PurePath
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contributions.enums import (
    AmendmentKind,
    ContributionKind,
    ContributionStatus,
    Language,
    LateDecision,
    SourceConfirmation,
    TranslationStatus,
)
from contributions.models.supersession import mark_superseded, superseded
from meetings.enums import AccessLevel
from meetings.models import AgendaItem, ExpertGroup, Meeting
from members.models import Organization

# Statuses in which a document carries its register number.
REGISTERED_STATUSES = (ContributionStatus.PUBLISHED, ContributionStatus.WITHDRAWN)
# Documents in the public register: numbered, published or withdrawn after it.
REGISTERED = Q(status__in=REGISTERED_STATUSES, number__isnull=False)


class ContributionQuerySet(models.QuerySet):
    def registered(self):
        """Documents in the public register: numbered, published or withdrawn after it."""
        return self.filter(REGISTERED)

    def of_organizations(self, organization_ids):
        return self.filter(
            pk__in=Source.objects.filter(organization_id__in=organization_ids).values(
                "contribution_id"
            )
        )

    def with_register_data(self):
        """What a table of documents shows, in a fixed number of queries. Not an
        amendment's base: no table shows it, and its join reads the whole register."""
        return self.select_related("meeting__group").prefetch_related(
            models.Prefetch("sources", queryset=Source.objects.select_related("organization"))
        )

    def with_languages(self):
        """The current file and the translation of each language, for the language matrix.

        Apart from `with_register_data` so that tables without the matrix do not pay for it.
        """
        return self.prefetch_related(
            models.Prefetch(
                "files",
                queryset=ContributionFile.objects.current().order_by("language"),
                to_attr="current_files",
            ),
            models.Prefetch("translations", queryset=Translation.objects.order_by("language")),
        )

    def with_superseded(self, user):
        """Annotate `is_superseded` (see `superseded`)."""
        return self.annotate(
            is_superseded=models.ExpressionWrapper(
                superseded(user), output_field=models.BooleanField()
            )
        )

    def latest_versions(self, user):
        """Leave out what a later revision supersedes: a revised document appears once.

        Not `latest()`: Django's QuerySet already has one, returning a single row.
        """
        return self.exclude(superseded(user))


def contribution_upload_to(instance, filename):
    # Never the uploader's name: it may carry path separators or control characters.
    suffix = PurePath(filename).suffix.lower()
    return f"contributions/{instance.contribution.meeting_id}/{uuid.uuid4().hex}{suffix}"


class Contribution(models.Model):
    """One entry of a meeting's document register."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("meeting")
    )
    # The meeting's group, kept with the document (by `save` and when a meeting moves) so
    # that one index reads a group's register in order of publication: its feed.
    group = models.ForeignKey(
        ExpertGroup,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("group"),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ContributionKind.choices,
        default=ContributionKind.CONTRIBUTION,
    )
    title = models.CharField(_("title"), max_length=500)
    abstract = models.TextField(_("abstract"), blank=True)
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    access_level = models.CharField(
        _("access"), max_length=20, choices=AccessLevel.choices, default=AccessLevel.PUBLIC
    )
    organizations = models.ManyToManyField(
        Organization,
        through="Source",
        related_name="contributions",
        verbose_name=_("sources"),
    )
    agenda_items = models.ManyToManyField(
        AgendaItem, blank=True, related_name="contributions", verbose_name=_("agenda items")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("created by"),
    )
    # Written only by contributions.services.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ContributionStatus.choices,
        default=ContributionStatus.DRAFT,
        editable=False,
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    base = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("revises, adds to or corrects"),
    )
    amendment_kind = models.CharField(
        _("amendment"), max_length=4, choices=AmendmentKind.choices, blank=True
    )
    amendment_ordinal = models.PositiveSmallIntegerField(_("amendment number"), default=0)
    is_requested = models.BooleanField(
        _("requested contribution"),
        default=False,
        help_text=_("Requested by the meeting or the chair: never late."),
    )
    is_late = models.BooleanField(_("late"), default=False, editable=False)
    late_decision = models.CharField(
        _("late contribution"),
        max_length=10,
        choices=LateDecision.choices,
        blank=True,
        default=LateDecision.PENDING,
        editable=False,
    )
    late_reason = models.TextField(_("why"), blank=True, editable=False)
    late_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("decided by"),
    )
    late_decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    after_translation_deadline = models.BooleanField(
        _("not translated in time"),
        default=False,
        editable=False,
        help_text=_("Submitted after the translation deadline."),
    )
    # Defaults, not auto_now_add: a register brought in from the past keeps its times.
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    # Derived from the family's published revisions by `mark_superseded`, which every
    # save of a revision runs: the widest audience that can read a later published
    # revision, empty while this is the latest version. Lists leave superseded versions
    # out by this one indexed column instead of looking for revisions row by row.
    superseded_for = models.CharField(
        _("superseded for"),
        max_length=20,
        choices=AccessLevel.choices,
        blank=True,
        editable=False,
    )

    objects = ContributionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "superseded_for", "group"])

    class Meta:
        ordering = ["meeting", "number", "amendment_kind", "amendment_ordinal", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number", "amendment_kind", "amendment_ordinal"],
                name="contribution_register_number_unique",
            ),
            models.CheckConstraint(
                condition=(Q(base__isnull=True) & Q(amendment_kind=""))
                | (Q(base__isnull=False) & ~Q(amendment_kind="")),
                name="contribution_amendment_has_base",
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "status"]),
            # The filters and sorts of the register's lists and feed.
            models.Index(fields=["meeting", "kind"]),
            models.Index(fields=["published_at"]),
            models.Index(fields=["group", "-published_at"], name="contribution_group_published"),
            # The desk's sections, the longest waiting first: few rows of a whole register.
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(status="submitted"),
                name="contribution_to_publish",
            ),
            models.Index(
                fields=["submitted_at", "id"],
                condition=Q(is_late=True, late_decision=""),
                name="contribution_late_undecided",
            ),
        ]

    def __str__(self):
        return f"{self.register_number or _('Draft')}: {self.title}"

    def save(self, *args, **kwargs):
        if self.meeting_id is not None:
            self.take_meetings_group()
            if "meeting" in (kwargs.get("update_fields") or ()):
                kwargs["update_fields"] = {*kwargs["update_fields"], "group"}
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if self.amendment_kind == AmendmentKind.REVISION and (
            update_fields is None or {"status", "access_level", "base"} & set(update_fields)
        ):
            mark_superseded([self.base_id])

    def get_absolute_url(self):
        if self.number is None:
            return reverse("contributions:member_detail", args=[self.pk])
        return reverse("contributions:document_detail", args=[self.meeting.group.slug, self.slug])

    @classmethod
    def from_db(cls, db, field_names, values):
        document = super().from_db(db, field_names, values)
        # What `save` compares with, to know whether the document changed meeting.
        document._stored_meeting_id = document.__dict__.get("meeting_id")
        return document

    def take_meetings_group(self):
        """Keep `group` the meeting's: when the document is new or changed meeting."""
        if self.group_id is None or self.meeting_id != getattr(self, "_stored_meeting_id", None):
            self.group_id = self.meeting.group_id
            self._stored_meeting_id = self.meeting_id

    @property
    def amendment_suffix(self):
        if not self.amendment_kind:
            return ""
        return f"({AmendmentKind(self.amendment_kind).label_short}{self.amendment_ordinal})"

    @property
    def register_number(self):
        """`EG-ITRs 2/5`, `EG-ITRs 2/5 (Rev.1)`; empty until published."""
        if self.number is None:
            return ""
        number = f"{self.meeting.group.acronym} {self.meeting.ordinal}/{self.number}"
        return f"{number} {self.amendment_suffix}" if self.amendment_kind else number

    @property
    def slug(self):
        """`2-5`, `2-5-rev1`: the document's address in the register."""
        if self.number is None:
            return ""
        slug = f"{self.meeting.ordinal}-{self.number}"
        if self.amendment_kind:
            slug += f"-{self.amendment_kind}{self.amendment_ordinal}"
        return slug

    @property
    def source_list(self):
        """The organizations in source order (uses the prefetched sources when present)."""
        return [source.organization for source in self.sources.all()]

    @property
    def submitting_organization(self):
        sources = self.sources.all()
        return sources[0].organization if sources else None

    @property
    def public_sources(self):
        """The organizations shown as sources: the confirmed ones (uses prefetched sources).

        A co-sponsor that has not answered yet, or declined, is not named in public.
        """
        return [source.organization for source in self.sources.all() if source.is_confirmed]

    @property
    def language_versions(self):
        """The document in each of the six languages, in ITU order: a `LanguageVersion`.

        A language with a current file is posted (the original is, once its file is
        there); otherwise it is as its translation stands, and not required without one.
        Uses `with_languages()` when the rows come from it.
        """
        files = getattr(self, "current_files", None)
        if files is None:
            files = self.files.current()
        file_of = {file.language: file for file in files}
        translation_of = {
            translation.language: translation for translation in self.translations.all()
        }
        versions = []
        for language in Language:
            file = file_of.get(language.value)
            translation = translation_of.get(language.value)
            if file is not None:
                status = TranslationStatus.POSTED
            elif translation is not None and translation.status != TranslationStatus.POSTED:
                status = TranslationStatus(translation.status)
            else:
                status = TranslationStatus.NOT_REQUIRED
            versions.append(
                LanguageVersion(
                    language=language,
                    status=status,
                    file=file,
                    is_original=language == self.original_language,
                )
            )
        return versions


def keep_group_of_documents(sender, instance, created, **kwargs):
    """A meeting moved to another group takes its documents with it (`Contribution.group`)."""
    if not created:
        instance.contributions.exclude(group_id=instance.group_id).update(
            group_id=instance.group_id
        )


class LanguageVersion(NamedTuple):
    """One of the six languages of a document: its status and, when posted, its file."""

    language: Language
    status: TranslationStatus
    file: "ContributionFile | None"
    is_original: bool


class SourceQuerySet(models.QuerySet):
    def confirmed(self):
        """The sources shown in public: the submitter and the co-sponsors who confirmed."""
        return self.filter(confirmation=SourceConfirmation.CONFIRMED)


class Source(models.Model):
    """An organization in whose name a contribution is made: the first submits it."""

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="sources",
        verbose_name=_("contribution"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="sources",
        verbose_name=_("organization"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    confirmation = models.CharField(
        _("confirmation"),
        max_length=20,
        choices=SourceConfirmation.choices,
        default=SourceConfirmation.PENDING,
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    confirmed_at = models.DateTimeField(_("answered"), null=True, blank=True)
    override_reason = models.TextField(
        _("confirmed by the secretariat because"),
        blank=True,
        help_text=_("When the secretariat confirms for the organization, e.g. by letter."),
    )
    # What the co-sponsor saw when it confirmed: a later change of any of them puts the
    # confirmation back to pending (see `contributions.services.cosponsors`).
    confirmed_title = models.CharField(_("title confirmed"), max_length=500, blank=True)
    confirmed_abstract = models.TextField(_("abstract confirmed"), blank=True)
    confirmed_sha256 = models.CharField(_("file confirmed (SHA-256)"), max_length=64, blank=True)

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        # By the column, not the relation: ordering by "contribution" would sort by the
        # contribution's own ordering, joining it, its meeting and its group into every
        # query of these rows (the prefetch of each documents list among them). The same
        # for the files, translations and status changes below.
        ordering = ["contribution_id", "order", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "organization"], name="source_contribution_org_unique"
            ),
        ]
        indexes = [
            # The organizations of a documents list's source filter, from the index alone.
            models.Index(
                fields=["contribution", "organization"],
                condition=Q(confirmation=SourceConfirmation.CONFIRMED),
                name="source_confirmed",
            ),
            # The co-sponsorships an organization is asked to confirm ("My documents").
            models.Index(
                fields=["organization"],
                condition=Q(confirmation=SourceConfirmation.PENDING, order__gt=0),
                name="source_cosponsor_pending",
            ),
        ]

    def __str__(self):
        return str(self.organization)

    @property
    def is_submitter(self):
        return self.order == 0

    @property
    def is_confirmed(self):
        return self.confirmation == SourceConfirmation.CONFIRMED


def is_current_file():
    """The condition on a file that no later upload replaces it in its language."""
    later = ContributionFile.objects.filter(
        contribution=models.OuterRef("contribution"),
        language=models.OuterRef("language"),
        pk__gt=models.OuterRef("pk"),
    )
    return ~models.Exists(later)


class ContributionFileQuerySet(models.QuerySet):
    def current(self):
        """The latest upload per language: the files a reader gets."""
        return self.filter(is_current_file())


class ContributionFile(models.Model):
    """One uploaded file of a document in one language. Never overwritten nor deleted."""

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("contribution"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(_("file"), upload_to=contribution_upload_to, max_length=255)
    original_name = models.CharField(_("name as uploaded"), max_length=255)
    content_type = models.CharField(_("detected type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    # Read from the file for the search index (`contributions.search`): None until it is
    # read, "" when the file holds no text.
    text = models.TextField(_("text"), null=True, blank=True, editable=False)  # noqa: DJ001

    objects = ContributionFileQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["contribution_id", "language", "-pk"]
        # A document's files by language: the current one of each, the language filter.
        indexes = [models.Index(fields=["contribution", "language", "-id"])]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.download_name

    def get_absolute_url(self):
        return reverse("contributions:file_download", args=[self.pk, self.download_name])

    @property
    def extension(self):
        return PurePath(self.file.name).suffix.lower()

    @property
    def download_name(self):
        """`EG-ITRs-2-5-E.docx`: register number and language, safe in any file system."""
        contribution = self.contribution
        if contribution.number is None:
            stem = f"draft-{contribution.pk}"
        else:
            stem = contribution.register_number.replace(" ", "-").replace("/", "-")
            stem = stem.replace("(", "").replace(")", "").replace(".", "")
        return f"{stem}-{Language(self.language).letter}{self.extension}"


class Translation(models.Model):
    """A document in one language other than its original: requested, in work or posted.

    A language without a row is not required. The posted file is the current
    `ContributionFile` of that language.
    """

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("contribution"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TranslationStatus.choices,
        default=TranslationStatus.REQUESTED,
        editable=False,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["contribution_id", "language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "language"],
                name="translation_language_unique",
            ),
        ]
        # The desk's translations awaited, the longest waiting first.
        indexes = [
            models.Index(
                fields=["requested_at", "id"],
                condition=Q(status__in=["requested", "in_translation"]),
                name="translation_awaited",
            ),
        ]

    def __str__(self):
        return f"{self.contribution} – {self.get_language_display()}: {self.get_status_display()}"
