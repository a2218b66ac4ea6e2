import re
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

from contributions.enums import Language, TranslationStatus
from contributions.models import Contribution
from meetings.models import AgendaItem, ExpertGroup, Meeting
from members.models import Organization
from proceedings.enums import (
    Outcome,
    ReportKind,
    ReportSection,
    ReportStatus,
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
        ordering = ["meeting", "order", "pk"]
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
        ordering = ["work_plan", "order", "pk"]
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")

    def __str__(self):
        return self.description[:80]


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
        ordering = ["report", "format"]
        verbose_name = _("stored report file")
        verbose_name_plural = _("stored report files")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "format"], name="report_rendition_one_per_format"
            ),
        ]

    def __str__(self):
        return f"{self.report}: {self.get_format_display()}"


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
        Report,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("annexed to report"),
    )
    annex_number = models.PositiveSmallIntegerField(_("annex number"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "annex_number", "pk"]
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
        ordering = ["report", "section", "order", "pk"]
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


class ReportTranslation(models.Model):
    """A report in one language other than its original: requested, in work or posted.

    A report is built in its original language only; its other languages arrive through
    the translation workflow, as a document's do (`contributions.enums.TRANSLATION_MOVES`).
    A language without a row is not required. What was posted are its `files`, of which
    the latest of each format is served.
    """

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="translations", verbose_name=_("report")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    # Written only by proceedings.services.translations.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TranslationStatus.choices,
        default=TranslationStatus.REQUESTED,
        editable=False,
    )
    # Empty for a translation posted without a request.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["report", "language"]
        verbose_name = _("report translation")
        verbose_name_plural = _("report translations")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language"], name="report_translation_language_unique"
            ),
        ]

    def __str__(self):
        return f"{self.report} – {self.get_language_display()}: {self.get_status_display()}"


def report_translation_upload_to(instance, filename):
    # A generated name: a posted file is never replaced by a later one.
    suffix = PurePath(filename).suffix.lower()
    return (
        f"reports/{instance.translation.report.group_id}/translations/{uuid.uuid4().hex}{suffix}"
    )


def is_current_translation_file():
    """The condition on a posted file that no later posting replaces it in its format."""
    later = ReportTranslationFile.objects.filter(
        translation=models.OuterRef("translation"),
        format=models.OuterRef("format"),
        pk__gt=models.OuterRef("pk"),
    )
    return ~models.Exists(later)


class ReportTranslationFileQuerySet(models.QuerySet):
    def current(self):
        """The latest posting per language and format: the files a reader gets."""
        return self.filter(is_current_translation_file())


class ReportTranslationFile(models.Model):
    """One posted file of a report's translation, DOCX or PDF. Never overwritten nor deleted.

    A new posting of the same format supersedes it; it stays for the secretariat's record.
    """

    translation = models.ForeignKey(
        ReportTranslation,
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("translation"),
    )
    format = models.CharField(_("format"), max_length=10, choices=RenditionFormat.choices)
    file = models.FileField(_("file"), upload_to=report_translation_upload_to, max_length=255)
    original_name = models.CharField(_("name as uploaded"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("posted by"),
    )
    posted_at = models.DateTimeField(_("posted"), default=timezone.now)

    objects = ReportTranslationFileQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["translation", "format", "-pk"]
        verbose_name = _("posted translation file")
        verbose_name_plural = _("posted translation files")

    def __str__(self):
        return self.download_name

    def get_absolute_url(self):
        report = self.translation.report
        return reverse(
            "proceedings:report_translation_download",
            args=[report.group.slug, report.pk, self.pk, self.download_name],
        )

    @property
    def download_name(self):
        """`EG-ITRs-report-meeting-2-F.pdf`: the report's own name with the language letter."""
        stem = PurePath(self.translation.report.download_name(self.format)).stem
        return f"{stem}-{Language(self.translation.language).letter}.{self.format}"


class ReportLanguageVersion(NamedTuple):
    """One of the six languages of a report: its status and the files a reader gets.

    The original is the report itself (its own downloads); a posted translation has its
    current file of each format, DOCX first.
    """

    language: Language
    status: TranslationStatus
    is_original: bool
    files: tuple


def report_translations_prefetch():
    """The prefetch of a report's translations with their current files, for the matrix."""
    current = ReportTranslationFile.objects.current().order_by("format")
    return models.Prefetch(
        "translations",
        queryset=ReportTranslation.objects.order_by("language").prefetch_related(
            models.Prefetch("files", queryset=current, to_attr="current_files")
        ),
    )


def report_language_versions(report):
    """The report in each of the six languages, in ITU order: `ReportLanguageVersion`s.

    A language with a current file is posted (its file is what readers get, also while a
    new translation is on its way); otherwise it is as its translation stands, and not
    required without one. Uses `report_translations_prefetch()` when it was prefetched.
    """
    translation_of = {row.language: row for row in report.translations.all()}
    versions = []
    for language in Language:
        translation = translation_of.get(language.value)
        files = ()
        status = TranslationStatus.NOT_REQUIRED
        if translation is not None:
            current = getattr(translation, "current_files", None)
            if current is None:
                current = translation.files.current().order_by("format")
            files = tuple(current)
            status = TranslationStatus.POSTED if files else TranslationStatus(translation.status)
        versions.append(
            ReportLanguageVersion(
                language=language,
                status=status,
                is_original=language == report.original_language,
                files=files,
            )
        )
    return versions
