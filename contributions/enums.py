from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """The six official languages of the ITU, in ITU order."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")

    @property
    def letter(self):
        """The letter ITU appends to a file name: A, C, E, F, R, S."""
        return {"ar": "A", "zh": "C", "en": "E", "fr": "F", "ru": "R", "es": "S"}[self.value]


class ContributionKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("Contribution")
    ADMINISTRATIVE = "administrative", _("Administrative document")
    INFORMATION = "information", _("Information document")
    CHAIR_PROPOSAL = "chair_proposal", _("Chair's proposal")
    COMPILATION = "compilation", _("Compilation")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


# Kinds that are never late: the secretariat and the chair prepare them to the meeting's
# timetable, not to the deadline for Member States' contributions.
NEVER_LATE_KINDS = frozenset(
    {
        ContributionKind.ADMINISTRATIVE,
        ContributionKind.CHAIR_PROPOSAL,
        ContributionKind.COMPILATION,
    }
)


class ContributionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The only legal moves of a contribution (DESIGN.md section 4).
TRANSITIONS = {
    ContributionStatus.DRAFT: {ContributionStatus.SUBMITTED, ContributionStatus.WITHDRAWN},
    ContributionStatus.SUBMITTED: {
        ContributionStatus.DRAFT,
        ContributionStatus.PUBLISHED,
        ContributionStatus.WITHDRAWN,
    },
    ContributionStatus.PUBLISHED: {ContributionStatus.WITHDRAWN},
    ContributionStatus.WITHDRAWN: set(),
}


class AmendmentKind(models.TextChoices):
    REVISION = "rev", _("Revision")
    ADDENDUM = "add", _("Addendum")
    CORRIGENDUM = "corr", _("Corrigendum")

    @property
    def label_short(self):
        return {"rev": "Rev.", "add": "Add.", "corr": "Corr."}[self.value]


class SourceConfirmation(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class TranslationStatus(models.TextChoices):
    """Where a document stands in one of the six languages."""

    NOT_REQUIRED = "not_required", _("Not required")
    REQUESTED = "requested", _("Requested")
    IN_TRANSLATION = "in_translation", _("In translation")
    POSTED = "posted", _("Posted")


class LateDecision(models.TextChoices):
    """The secretariat's answer to a contribution that arrived after the deadline."""

    PENDING = "", _("To decide")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Not accepted")
