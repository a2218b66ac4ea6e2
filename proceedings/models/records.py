"""What meetings decide and say: decisions, statements and work plans."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contributions.models import Contribution
from meetings.models import AgendaItem, ExpertGroup, Meeting
from members.models import Organization
from proceedings.enums import (
    Outcome,
    WorkPlanItemStatus,
    WorkPlanStatus,
)


class Decision(models.Model):
    """What a meeting decided on one subject, in the order the meeting took it."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    subject = models.CharField(
        _("subject"),
        max_length=300,
        help_text=_(
            "As a sentence names it, capitals included: “the work plan of the Group”, "
            "“Japan's proposal on Article 4”."
        ),
    )
    outcome = models.CharField(_("outcome"), max_length=40, choices=Outcome.choices)
    text = models.TextField(
        _("understanding or conclusion"),
        blank=True,
        help_text=_(
            "The wording the meeting agreed, as the report will quote it: whole sentences; "
            "for an approval with an understanding, what follows “with the understanding "
            "that”."
        ),
    )
    procedural = models.BooleanField(
        _("procedural: not reported"),
        default=False,
        help_text=_(
            "Left out of the reports to the parent body, e.g. the adoption of the agenda. "
            "The meeting's own report still records it."
        ),
    )
    documents = models.ManyToManyField(
        Contribution, blank=True, related_name="decisions", verbose_name=_("documents")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting_id", "order", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.meeting}: {self.subject} ({self.get_outcome_display()})"


class WorkPlan(models.Model):
    group = models.ForeignKey(
        ExpertGroup, on_delete=models.PROTECT, related_name="work_plans", verbose_name=_("group")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WorkPlanStatus.choices,
        default=WorkPlanStatus.PROPOSED,
    )
    approved_by = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_plans",
        verbose_name=_("approved by decision"),
    )
    proposed_in = models.ForeignKey(
        Contribution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_plans",
        verbose_name=_("proposed in document"),
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "-version"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.UniqueConstraint(fields=["group", "version"], name="work_plan_version_unique"),
            models.CheckConstraint(
                condition=~Q(status=WorkPlanStatus.APPROVED) | Q(approved_by__isnull=False),
                name="work_plan_approved_has_decision",
            ),
        ]

    def __str__(self):
        return self.title or _("Work plan, version %(version)s") % {"version": self.version}


class WorkPlanItem(models.Model):
    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("work plan")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"))
    target_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target meeting"),
    )
    target_session = models.CharField(
        _("parent-body session"),
        max_length=50,
        blank=True,
        help_text=_("E.g. “C24” for a progress report to Council 2024."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WorkPlanItemStatus.choices,
        default=WorkPlanItemStatus.PLANNED,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["work_plan_id", "order", "pk"]
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")

    def __str__(self):
        return self.description[:80]


class Statement(models.Model):
    """A statement by one or more organizations, annexed to a report."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="statements", verbose_name=_("meeting")
    )
    organizations = models.ManyToManyField(
        Organization, related_name="statements", verbose_name=_("made by")
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("on decision"),
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    document = models.ForeignKey(
        Contribution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("as document"),
    )
    report = models.ForeignKey(
        "proceedings.Report",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("annexed to report"),
    )
    annex_number = models.PositiveSmallIntegerField(_("annex number"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting_id", "annex_number", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "annex_number"], name="statement_annex_number_unique"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "proceedings:meeting_detail", args=[self.meeting.group.slug, self.meeting.ordinal]
        )
