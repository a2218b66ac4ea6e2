from django.db import models
from django.utils.translation import gettext_lazy as _

from egitrs.workflow import Move, StateMachine


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_UNDERSTANDING = (
        "approved_with_understanding",
        _("Approved with an understanding"),
    )
    NOTED = "noted", _("Noted")
    NO_CONSENSUS = "no_consensus", _("No consensus")
    DEFERRED = "deferred", _("Deferred")
    NOT_APPROVED = "not_approved", _("Not approved")


# The outcomes of a decision that approve something: a work plan, a report.
APPROVING_OUTCOMES = (Outcome.APPROVED, Outcome.APPROVED_WITH_UNDERSTANDING)


class WorkPlanStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


# A version of the work plan is proposed, approved by a decision, and superseded when a
# later version is approved.
_W = WorkPlanStatus
# fmt: off
WORK_PLAN_MOVES = StateMachine(_W, [
    #    name         from         to             who
    Move("approve",   _W.PROPOSED, _W.APPROVED,   "secretariat"),
    Move("supersede", _W.APPROVED, _W.SUPERSEDED, "secretariat"),
], not_allowed=_("This work plan is %(from)s: it cannot become %(to)s."))
# fmt: on


class WorkPlanItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ReportKind(models.TextChoices):
    MEETING = "meeting", _("Meeting report")
    PROGRESS = "progress", _("Progress report to the parent body")
    FINAL = "final", _("Final report to the parent body")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


# A report is drafted, approved by a decision (which freezes it), then published. A change
# after approval is a new version, a new draft.
_R = ReportStatus
# fmt: off
REPORT_MOVES = StateMachine(_R, [
    #    name       from         to            who
    Move("approve", _R.DRAFT,    _R.APPROVED,  "secretariat"),
    Move("publish", _R.APPROVED, _R.PUBLISHED, "secretariat"),
], not_allowed=_("This report is %(from)s: it cannot become %(to)s."))
# fmt: on


class ReportSection(models.TextChoices):
    """The sections of a report the secretariat may add paragraphs to."""

    INTRODUCTION = "introduction", _("Introduction (progress report)")
    ACTIVITIES = "activities", _("Activities (progress report)")
    OPENING = "opening", _("Opening of the meeting (meeting report)")
    AGENDA = "agenda", _("Agenda and allocation of documents (meeting report)")
    AGENDA_ITEM = "agenda_item", _("An agenda item (meeting report)")
    CONCLUSIONS = "conclusions", _("Conclusions")
