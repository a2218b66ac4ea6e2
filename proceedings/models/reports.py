"""Reports: their header, versions, stored renditions and added paragraphs."""

import re
import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contributions.enums import Language
from meetings.models import AgendaItem, ExpertGroup, Meeting
from proceedings.enums import (
    ReportKind,
    ReportSection,
    ReportStatus,
)
from proceedings.models.records import Decision


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)


class Report(models.Model):
    """A meeting report, or a report of the group to its parent body."""

    group = models.ForeignKey(
        ExpertGroup, on_delete=models.PROTECT, related_name="reports", verbose_name=_("group")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    title = models.CharField(_("title"), max_length=300)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("meeting"),
        help_text=_("For a meeting report."),
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"), null=True, blank=True)
    parent_body_session = models.CharField(
        _("parent-body session"), max_length=100, blank=True, help_text=_("E.g. “Council 2024”.")
    )
    parent_body_document = models.CharField(
        _("document number"),
        max_length=50,
        blank=True,
        help_text=_("E.g. “C24/24” for Council 2024, “EG-ITRs-2/REP” for a meeting report."),
    )
    parent_body_agenda_item = models.CharField(_("agenda item"), max_length=50, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    author = models.CharField(
        _("by"),
        max_length=200,
        blank=True,
        help_text=_("Empty: written from the group's officers, e.g. “Chair of the EG-ITRs”."),
    )
    purpose = models.TextField(
        _("purpose"), blank=True, help_text=_("Empty: written from the records at each build.")
    )
    action_required = models.TextField(_("action required"), blank=True)
    strategic_plan_links = models.TextField(_("links with the strategic plan"), blank=True)
    financial_implications = models.TextField(_("financial implications"), blank=True)
    conclusions = models.TextField(
        _("conclusions"),
        blank=True,
        help_text=_("Empty: written from the records at each build."),
    )
    # What the builder wrote for a header field when the secretariat replaced it with its
    # own text: a draft warns when the records now say something else.
    header_basis = models.JSONField(_("header as built"), default=dict, blank=True, editable=False)
    # The annex number of each statement (by id) when the report was approved: what a
    # later report quotes, whatever a new version renumbers.
    approved_annexes = models.JSONField(
        _("annex numbers approved"), default=dict, blank=True, editable=False
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_(
            "What a reader of the records should know about this report, shown beside it but "
            "not part of it: e.g. that its document number is illustrative."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports_approved",
        verbose_name=_("approved by decision"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    rendered_html = models.TextField(_("approved text"), blank=True, editable=False)
    rendered_sha256 = models.CharField(
        _("SHA-256 of the approved text"), max_length=64, blank=True, editable=False
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    previous_version = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="next_versions",
        verbose_name=_("previous version"),
    )

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        # Undated drafts after the dated reports, on every database.
        ordering = ["group", models.F("date").desc(nulls_last=True), "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ReportKind.MEETING) | Q(meeting__isnull=False),
                name="report_meeting_report_has_meeting",
            ),
            # Versions form a line: a report is followed by one new version at most.
            models.UniqueConstraint(fields=["previous_version"], name="report_one_next_version"),
        ]

    def __str__(self):
        if self.version > 1:
            return _("%(title)s (version %(version)s)") % {
                "title": self.title,
                "version": self.version,
            }
        return self.title

    def get_absolute_url(self):
        return reverse("proceedings:report_detail", args=[self.group.slug, self.pk])

    @property
    def is_draft(self):
        return self.status == ReportStatus.DRAFT

    def download_name(self, extension):
        """'EG-ITRs-progress-report-C24.docx', 'EG-ITRs-report-meeting-2-v2.pdf'."""
        acronym = self.group.acronym
        if self.kind == ReportKind.MEETING:
            name = f"{acronym}-report-meeting-{self.meeting.ordinal}"
        else:
            kind = "final-report" if self.kind == ReportKind.FINAL else "progress-report"
            # The session's code ("C24" of "C24/xx"), else the year the period ends.
            session = self.parent_body_document.split("/")[0].strip() or (
                self.period_end.year if self.period_end else self.pk
            )
            name = f"{acronym}-{kind}-{session}"
        if self.version > 1:
            name += f"-v{self.version}"
        if self.status == ReportStatus.DRAFT:
            name += "-draft"
        name = re.sub(r"[^A-Za-z0-9.-]+", "-", name).strip("-")
        return f"{name}.{extension}"


class RenditionFormat(models.TextChoices):
    """The stored formats of an approved report (its HTML is on the report itself)."""

    DOCX = "docx", _("Word document (DOCX)")
    PDF = "pdf", _("PDF")


def rendition_upload_to(instance, filename):
    # A generated name: a stored rendition is never replaced by a later one.
    suffix = PurePath(filename).suffix.lower()
    return f"reports/{instance.report.group_id}/{uuid.uuid4().hex}{suffix}"


class ReportRendition(models.Model):
    """The bytes of a report in one format, as rendered when it was approved.

    Written once by `proceedings.services.approve_report`, then only read: what was
    approved is what is served.
    """

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="renditions", verbose_name=_("report")
    )
    format = models.CharField(_("format"), max_length=10, choices=RenditionFormat.choices)
    file = models.FileField(_("file"), upload_to=rendition_upload_to, max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("stored"), default=timezone.now)

    class Meta:
        ordering = ["report_id", "format"]
        verbose_name = _("stored report file")
        verbose_name_plural = _("stored report files")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "format"], name="report_rendition_one_per_format"
            ),
        ]

    def __str__(self):
        return f"{self.report}: {self.get_format_display()}"


class ReportParagraph(models.Model):
    """A paragraph the secretariat adds to a section of a report.

    The builder numbers it with the paragraphs it writes from the records: after them,
    except in an agenda item's section of a meeting report, where the secretariat's
    summary comes first and the decisions taken follow it.
    """

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="added_paragraphs",
        verbose_name=_("report"),
    )
    section = models.CharField(_("section"), max_length=20, choices=ReportSection.choices)
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_paragraphs",
        verbose_name=_("agenda item"),
        help_text=_("For the section of an agenda item in a meeting report."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["report_id", "section", "order", "pk"]
        verbose_name = _("report paragraph")
        verbose_name_plural = _("report paragraphs")
        constraints = [
            models.CheckConstraint(
                condition=Q(section=ReportSection.AGENDA_ITEM, agenda_item__isnull=False)
                | (~Q(section=ReportSection.AGENDA_ITEM) & Q(agenda_item__isnull=True)),
                name="report_paragraph_agenda_item_iff_its_section",
            ),
        ]

    def __str__(self):
        return self.text[:80]
