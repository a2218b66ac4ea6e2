"""The report builder: from the records of a group to a structured `ReportDocument`.

`build_report(report)` reads the records (meetings, agenda, documents, decisions,
statements, work plans, registrations) through a `RecordLoader` and writes nothing.
The outline of the report's kind (`OUTLINES`) arranges them into sections and annexes;
the renderers of `proceedings.rendering` turn the document into HTML, DOCX and PDF, so
that the three formats say the same thing.

- `document`: the dataclasses of the document model;
- `loader`: every query of the builder;
- `outline`, `meeting`, `progress`: the shared parts and one outline per report kind;
- `wording`, `sentences`: the sentences, whole per language, from the wording templates
  (`templates/reports/wording/`, which a group or a parent body may override), with their
  dates and lists.

A report is written in its original language only (gettext under `translation.override`);
its other languages are translations the secretariat posts.
"""

from django.utils import translation

from proceedings.enums import ReportKind
from proceedings.reports.document import (
    Annex,
    HeaderField,
    HeaderLine,
    Paragraph,
    ReportDocument,
    ReportHeader,
    Section,
    Table,
)
from proceedings.reports.loader import RecordLoader
from proceedings.reports.meeting import MeetingReport
from proceedings.reports.outline import DERIVED_FIELDS
from proceedings.reports.progress import ProgressReport
from proceedings.reports.wording import (
    Wording,
    django_language,
    format_date,
    format_dates,
    join,
    ordinal,
)

# The outline of each report kind.
OUTLINES = {
    ReportKind.MEETING: MeetingReport,
    ReportKind.PROGRESS: ProgressReport,
    ReportKind.FINAL: ProgressReport,
}


def build_report(report, *, audience=None):
    """The `ReportDocument` of `report`, written from the records as they are now.

    It names only the documents `audience` may read; by default an anonymous visitor,
    since a report is served to everyone once approved.
    """
    with translation.override(django_language(report.original_language)):
        records = RecordLoader(report, audience=audience)
        document = OUTLINES[report.kind](report, records).build()
    # Approval builds what it stores before the status moves: once approved_at is set, the
    # report is no longer a draft.
    document.draft, document.date = report.is_draft and report.approved_at is None, report.date
    return document


def derived_header(report):
    """What the builder writes now for each header field the secretariat may write
    instead (`DERIVED_FIELDS`): the text a draft compares the secretariat's with."""
    with translation.override(django_language(report.original_language)):
        outline = OUTLINES[report.kind](report, RecordLoader(report))
        return {name: outline.derived(name) for name in DERIVED_FIELDS}


__all__ = [
    "OUTLINES",
    "Annex",
    "HeaderField",
    "HeaderLine",
    "Paragraph",
    "RecordLoader",
    "ReportDocument",
    "ReportHeader",
    "Wording",
    "Section",
    "Table",
    "build_report",
    "derived_header",
    "django_language",
    "format_date",
    "format_dates",
    "join",
    "ordinal",
]
