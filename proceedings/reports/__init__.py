"""The report builder: from the records of a group to a structured `ReportDocument`.

`build_report(report)` reads the records (meetings, agenda, documents, decisions,
statements, work plans, registrations) through a `RecordLoader` and writes nothing.
The outline of the report's kind (`OUTLINES`) arranges them into sections and annexes;
the renderers of `proceedings.rendering` turn the document into HTML, DOCX and PDF, so
that the three formats say the same thing.

- `document`: the dataclasses of the document model;
- `loader`: every query of the builder;
- `outline`, `meeting`, `progress`: the shared parts and one outline per report kind;
- `wording`, `sentences`: words, dates and the sentences written about the records.

Every sentence is written in the report's original language (gettext under
`translation.override`), with its dates in that language.
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
from proceedings.reports.progress import ProgressReport
from proceedings.reports.sentences import is_procedural
from proceedings.reports.wording import (
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


__all__ = [
    "OUTLINES",
    "Annex",
    "HeaderField",
    "HeaderLine",
    "Paragraph",
    "RecordLoader",
    "ReportDocument",
    "ReportHeader",
    "Section",
    "Table",
    "build_report",
    "django_language",
    "format_date",
    "format_dates",
    "is_procedural",
    "join",
    "ordinal",
]
