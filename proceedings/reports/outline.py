"""What every report kind shares: its header, its header block, the secretariat's
paragraphs and the statements annexed to it. One subclass per report kind."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from contributions.enums import Language
from proceedings.enums import ReportKind
from proceedings.reports.document import Annex, HeaderField, ReportHeader
from proceedings.reports.extract import document_paragraphs
from proceedings.reports.wording import Wording, fold, format_date, paragraph_blocks

# The header fields the builder writes from the records unless the secretariat wrote its own.
DERIVED_FIELDS = ("purpose", "action_required", "conclusions", "author")


def original_language_name(language):
    """The language as "Original: …" names it in a report: French writes it lower case."""
    names = {
        Language.ARABIC: pgettext("original language of a report", "Arabic"),
        Language.CHINESE: pgettext("original language of a report", "Chinese"),
        Language.ENGLISH: pgettext("original language of a report", "English"),
        Language.FRENCH: pgettext("original language of a report", "French"),
        Language.RUSSIAN: pgettext("original language of a report", "Russian"),
        Language.SPANISH: pgettext("original language of a report", "Spanish"),
    }
    return names[language]


class Outline:
    """The order and wording of one report kind; `build()` gives its `ReportDocument`."""

    def __init__(self, report, records):
        self.report = report
        self.group = report.group
        self.records = records
        self.wording = Wording(report.group)
        self.added = records.added_paragraphs()
        self.notices = []

    def build(self):
        raise NotImplementedError

    def derived(self, name):
        """What the builder writes for the header field `name` from the records now."""
        return getattr(self, f"derived_{name}")()

    def derived_purpose(self):
        return ""

    def derived_action_required(self):
        return ""

    def derived_conclusions(self):
        return ""

    def derived_author(self):
        chairs, _vice_chairs = self.records.officers_in_office()
        return self.wording("author", group=self.group.acronym, chairs=chairs)

    def field(self, name):
        """The secretariat's text for `name`, else the builder's; a notice for the
        secretariat when the records changed since it wrote its own."""
        own = getattr(self.report, name).strip()
        if not own:
            return self.derived(name)
        basis = self.report.header_basis.get(name)
        if basis is None or not self.report.is_draft:
            return own
        now = self.derived(name)
        if basis != now:
            self.notices.append(
                _(
                    "The records changed since the secretariat wrote the %(field)s: it was "
                    "written when they read “%(then)s”; they now read “%(now)s”. Check it "
                    "before approval."
                )
                % {
                    "field": self.report._meta.get_field(name).verbose_name,
                    "then": basis,
                    "now": now,
                }
            )
        return own

    def added_to(self, section, agenda_item=None):
        return self.added.get((section, getattr(agenda_item, "pk", None)), [])

    def header(self, **fields):
        report = self.report
        return ReportHeader(
            parent_body_session=report.parent_body_session,
            agenda_item=report.parent_body_agenda_item,
            document_number=report.parent_body_document,
            date=format_date(report.date) if report.date else "",
            original_language=original_language_name(report.original_language),
            author=self.field("author"),
            **fields,
        )

    def header_block(self):
        report = self.report
        action_label = self.wording("action_label", parent_body=self.group.parent_body_named)
        fields = [
            (_("Purpose"), self.field("purpose")),
            (action_label, self.field("action_required")),
            (_("Relevant link(s) with the Strategic Plan"), report.strategic_plan_links),
            (_("Financial implications"), report.financial_implications),
        ]
        if report.kind != ReportKind.MEETING:
            fields.append((_("References"), "; ".join(self.group.reference_list)))
        return [HeaderField(label, fold(value)) for label, value in fields if value]

    def annexed_statements(self):
        """The statements annexed to this report, each holding its text, else the text of
        its document (or, when that cannot be read, where to find it)."""
        annexes = []
        for statement in self.records.annexed_statements():
            paragraphs = paragraph_blocks(statement.text)
            document = statement.document
            if not paragraphs and document is not None:
                paragraphs = document_paragraphs(document, self.report.original_language)
            if document is not None and document.register_number:
                paragraphs.append(
                    _("Submitted as Document %(number)s.") % {"number": document.register_number}
                )
            annexes.append(
                Annex(number=statement.annex_number, title=statement.title, paragraphs=paragraphs)
            )
        return annexes
