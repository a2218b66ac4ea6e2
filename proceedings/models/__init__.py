"""The proceedings' models, by what they serve: what meetings decide (`records`), the
reports written from it (`reports`) and their other languages (`translations`)."""

# Long imported from here by the builder and the tests.
from proceedings.enums import ReportSection
from proceedings.models.records import Decision, Statement, WorkPlan, WorkPlanItem
from proceedings.models.reports import (
    RenditionFormat,
    Report,
    ReportParagraph,
    ReportQuerySet,
    ReportRendition,
    rendition_upload_to,
)
from proceedings.models.translations import (
    ReportLanguageVersion,
    ReportTranslation,
    ReportTranslationFile,
    ReportTranslationFileQuerySet,
    is_current_translation_file,
    report_language_versions,
    report_translation_upload_to,
    report_translations_prefetch,
)

__all__ = [
    "Decision",
    "RenditionFormat",
    "Report",
    "ReportLanguageVersion",
    "ReportParagraph",
    "ReportQuerySet",
    "ReportRendition",
    "ReportSection",
    "ReportTranslation",
    "ReportTranslationFile",
    "ReportTranslationFileQuerySet",
    "Statement",
    "WorkPlan",
    "WorkPlanItem",
    "is_current_translation_file",
    "rendition_upload_to",
    "report_language_versions",
    "report_translation_upload_to",
    "report_translations_prefetch",
]
