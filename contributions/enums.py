from django.db import models
from django.utils.translation import gettext_lazy as _

from egitrs.workflow import Move, StateMachine


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


# The only legal moves of a contribution (DESIGN.md section 4); what each "who" means is
# said in contributions/rules.py.
_C = ContributionStatus
# fmt: off
CONTRIBUTION_MOVES = StateMachine(_C, [
    #    name        from          to            who
    Move("submit",   _C.DRAFT,     _C.SUBMITTED, {"submitter", "secretariat"}),
    Move("withdraw", _C.DRAFT,     _C.WITHDRAWN, {"submitter", "secretariat"}),
    Move("withdraw", _C.SUBMITTED, _C.WITHDRAWN, {"submitter", "secretariat"}),
    Move("return",   _C.SUBMITTED, _C.DRAFT,     "secretariat"),
    Move("publish",  _C.SUBMITTED, _C.PUBLISHED, "secretariat"),
    Move("withdraw", _C.PUBLISHED, _C.WITHDRAWN, "secretariat"),
], not_allowed=_("A %(from)s document cannot become %(to)s."))
# fmt: on


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


# A co-sponsor's answer. The secretariat may record the organization's answer for it (a
# letter): a confirmation, also after it declined, or a refusal. A change of the text puts
# a confirmation back to pending, by whoever changes the text (the document's `author`).
_S = SourceConfirmation
# fmt: off
COSPONSOR_MOVES = StateMachine(_S, [
    #    name       from          to            who
    Move("confirm", _S.PENDING,   _S.CONFIRMED, {"cosponsor", "secretariat"}),
    Move("decline", _S.PENDING,   _S.DECLINED,  {"cosponsor", "secretariat"}),
    Move("confirm", _S.DECLINED,  _S.CONFIRMED, "secretariat"),
    Move("reset",   _S.CONFIRMED, _S.PENDING,   "author"),
], field="confirmation")
# fmt: on

# A language of a document. "Not required" has no row: the first request (or a posting
# never requested) creates it. A posted language is requested again for a new original.
_T = TranslationStatus
# fmt: off
TRANSLATION_MOVES = StateMachine(_T, [
    #    name       from               to                 who
    Move("request", _T.NOT_REQUIRED,   _T.REQUESTED,      "secretariat"),
    Move("start",   _T.REQUESTED,      _T.IN_TRANSLATION, "secretariat"),
    Move("post",    _T.NOT_REQUIRED,   _T.POSTED,         "secretariat"),
    Move("post",    _T.REQUESTED,      _T.POSTED,         "secretariat"),
    Move("post",    _T.IN_TRANSLATION, _T.POSTED,         "secretariat"),
    Move("request", _T.POSTED,         _T.REQUESTED,      "secretariat"),
])
# fmt: on

# The secretariat's answer to a late contribution; a later answer (the same one with
# another reason, too) replaces the earlier, which stays in the document's history.
_L = LateDecision
# fmt: off
LATE_DECISION_MOVES = StateMachine(_L, [
    #    name      from         to           who
    Move("accept", _L.PENDING,  _L.ACCEPTED, "secretariat"),
    Move("refuse", _L.PENDING,  _L.REFUSED,  "secretariat"),
    Move("refuse", _L.ACCEPTED, _L.REFUSED,  "secretariat"),
    Move("accept", _L.REFUSED,  _L.ACCEPTED, "secretariat"),
    Move("accept", _L.ACCEPTED, _L.ACCEPTED, "secretariat"),
    Move("refuse", _L.REFUSED,  _L.REFUSED,  "secretariat"),
], field="late_decision")
# fmt: on
