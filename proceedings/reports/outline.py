"""What every report kind shares: its header, its header block, the secretariat's
paragraphs and the statements annexed to it. One subclass per report kind."""

from django.utils.translation import gettext as _

from contributions.enums import Language
from proceedings.enums import ReportKind
from proceedings.reports.document import Annex, HeaderField, ReportHeader
from proceedings.reports.wording import format_date, paragraph_blocks


class Outline:
    """The order and wording of one report kind; `build()` gives its `ReportDocument`."""

    def __init__(self, report, records):
        self.report = report
        self.group = report.group
        self.records = records
        self.added = records.added_paragraphs()

    def build(self):
        raise NotImplementedError

    def added_to(self, section, agenda_item=None):
        return self.added.get((section, getattr(agenda_item, "pk", None)), [])

    def header(self, **fields):
        report = self.report
        return ReportHeader(
            parent_body_session=report.parent_body_session,
            agenda_item=report.parent_body_agenda_item,
            document_number=report.parent_body_document,
            date=format_date(report.date) if report.date else "",
            original_language=str(Language(report.original_language).label),
            author=report.author,
            **fields,
        )

    def header_block(self):
        report = self.report
        fields = [
            (_("Purpose"), report.purpose),
            (
                _("Action required by the %(parent_body)s")
                % {"parent_body": self.group.parent_body},
                report.action_required,
            ),
            (_("Relevant link(s) with the Strategic Plan"), report.strategic_plan_links),
            (_("Financial implications"), report.financial_implications),
        ]
        if report.kind != ReportKind.MEETING:
            fields.append((_("References"), "; ".join(self.group.reference_list)))
        return [HeaderField(label, " ".join(value.split())) for label, value in fields if value]

    def annexed_statements(self):
        return [
            Annex(
                number=statement.annex_number,
                title=statement.title,
                paragraphs=[
                    *paragraph_blocks(statement.text),
                    *(
                        [_("Document %(number)s") % {"number": statement.document.register_number}]
                        if statement.document and statement.document.register_number
                        else []
                    ),
                ],
            )
            for statement in self.records.annexed_statements()
        ]
