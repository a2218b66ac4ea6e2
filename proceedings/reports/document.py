"""The document model of a report: what the builder writes and the renderers read.

A `ReportDocument` is plain data (sections of numbered paragraphs, annexes, a header),
so that HTML, DOCX and PDF say the same thing.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

RIGHT_TO_LEFT = {"ar"}


@dataclass
class Paragraph:
    number: str
    text: str
    bullets: list[str] = field(default_factory=list)


@dataclass
class Section:
    number: str
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Annex:
    number: int
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None

    @property
    def label(self):
        return _("Annex %(number)s") % {"number": self.number}


@dataclass
class HeaderField:
    label: str
    value: str


@dataclass
class HeaderLine:
    text: str
    strong: bool = False


@dataclass
class ReportHeader:
    """The top of a Council document: where it goes on the left, what it is on the right."""

    parent_body_session: str = ""
    meeting: str = ""
    agenda_item: str = ""
    document_number: str = ""
    date: str = ""
    original_language: str = ""
    author: str = ""

    def left(self):
        """Where the document goes: the session (or the meeting) in bold, the agenda item."""
        lines = [
            HeaderLine(self.parent_body_session, strong=True),
            HeaderLine(self.meeting, strong=not self.parent_body_session),
        ]
        if self.agenda_item:
            lines.append(HeaderLine(_("Agenda item: %(item)s") % {"item": self.agenda_item}))
        return [line for line in lines if line.text]

    def right(self):
        """What the document is: its number in bold, its date, its original language."""
        lines = []
        if self.document_number:
            number = _("Document %(number)s") % {"number": self.document_number}
            lines.append(HeaderLine(number, strong=True))
        if self.date:
            lines.append(HeaderLine(self.date))
        if self.original_language:
            original = _("Original: %(language)s") % {"language": self.original_language}
            lines.append(HeaderLine(original))
        return lines


@dataclass
class ReportDocument:
    title: str
    kind: str
    language: str
    header: ReportHeader
    header_block: list[HeaderField]
    sections: list[Section]
    annexes: list[Annex] = field(default_factory=list)
    # What the secretariat should check before approval; never part of the report itself.
    notices: list[str] = field(default_factory=list)
    # Not yet approved: every format marks it so. The date of the report, if it has one.
    draft: bool = False
    date: datetime.date | None = None

    @property
    def direction(self):
        return "rtl" if self.language in RIGHT_TO_LEFT else "ltr"

    @property
    def by_line(self):
        return _("Report by the %(author)s") % {"author": self.header.author}

    def section(self, number):
        return next(section for section in self.sections if section.number == number)

    def paragraph(self, number):
        section = self.section(number.split(".")[0])
        return next(paragraph for paragraph in section.paragraphs if paragraph.number == number)

    def annex(self, number):
        return next(annex for annex in self.annexes if annex.number == number)


def numbered_section(number, title, paragraphs):
    """A section whose paragraphs, given as text or (text, bullets), are numbered N.1, N.2."""
    section = Section(number=str(number), title=title)
    for index, paragraph in enumerate(paragraphs, start=1):
        text, bullets = paragraph if isinstance(paragraph, tuple) else (paragraph, [])
        section.paragraphs.append(
            Paragraph(number=f"{number}.{index}", text=text, bullets=list(bullets))
        )
    return section


def number_annexes(numbered, unnumbered):
    """Annexes in number order: `numbered` keep theirs, `unnumbered` take the free ones."""
    taken = {annex.number for annex in numbered}
    free = (n for n in range(1, len(numbered) + len(unnumbered) + max(taken, default=0) + 1))
    for annex in unnumbered:
        annex.number = next(n for n in free if n not in taken)
    return sorted([*numbered, *unnumbered], key=lambda annex: annex.number)
