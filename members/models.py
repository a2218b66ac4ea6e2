from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.enums import MembershipRole, OrganizationKind, Region, SecurityEventKind


class Organization(models.Model):
    """A Member State, Sector Member or other body whose delegates take part."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_in_sentence = models.CharField(
        _("name in a sentence"),
        max_length=200,
        blank=True,
        help_text=_(
            "How a report names it within a sentence, when that is not its name alone: "
            "“the Russian Federation”, “the United Kingdom”."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    region = models.CharField(
        _("ITU region"),
        max_length=20,
        choices=Region.choices,
        blank=True,
        help_text=_("For Member States."),
    )
    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter country code, for Member States."),
    )
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"], condition=~Q(iso_code=""), name="organization_iso_code_unique"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def in_sentence(self):
        """The organization as a sentence names it ("the Russian Federation")."""
        return self.name_in_sentence or self.name


class MembershipQuerySet(models.QuerySet):
    def active(self, *, on=None):
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
            organization__active=True,
        )


class Membership(models.Model):
    """A person's standing as a delegate or focal point of an organization."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.DELEGATE
    )
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organization__name", "user__last_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_user_organization_unique"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organization} ({self.get_role_display()})"


class Profile(models.Model):
    """What the application knows of a person beyond the account: the language of mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language of the e-mails the person receives."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


def language_of(user):
    """The language to write to `user` in (the site's default when never chosen)."""
    try:
        return user.profile.language
    except Profile.DoesNotExist:
        return settings.LANGUAGE_CODE


class SecurityEvent(models.Model):
    """One thing that matters for the accounts' safety: who, when, from where, what.

    Written only by `members.security.record_security_event`, never changed nor deleted:
    the model has no permission but "view" (the admin refuses the rest to everybody).
    """

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    kind = models.CharField(_("event"), max_length=40, choices=SecurityEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(
        _("user name"),
        max_length=150,
        blank=True,
        help_text=_("The account's, or the name typed when nobody logged in."),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        default_permissions = ["view"]
        indexes = [models.Index(fields=["kind", "-at"], name="securityevent_kind_at")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.username or '-'} ({self.at:%Y-%m-%d %H:%M})"
