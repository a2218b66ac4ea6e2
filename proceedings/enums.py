from django.db import models
from django.utils.translation import gettext_lazy as _


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


class WorkPlanStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


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
