"""A report's other languages: requested, in translation, posted as files."""

import uuid
from pathlib import PurePath
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contributions.enums import Language, TranslationStatus
from proceedings.models.reports import RenditionFormat, Report


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
        ordering = ["report_id", "language"]
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
        ordering = ["translation_id", "format", "-pk"]
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
