"""A group's report to its parent body, built from a history file and read back as a
visitor reads it: the page's HTML fragment, the DOCX and the PDF.

`built_once` (and `built_from_history`, for a history file) loads records and builds (and
renders) a report of them inside a transaction it rolls back: the builder writes nothing,
so what it built stays true, and a module shares one build of each group without leaving
rows behind for the next test.
"""

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import docx
from django.db import transaction
from django.test.utils import override_settings

from history.importer import import_history
from members.resources import import_member_states
from proceedings.models import Report
from proceedings.rendering import render_docx, render_html, render_pdf
from proceedings.reports import HeaderField, ReportDocument, build_report
from tests import factories
from tests.conftest import missing
from tests.history.histories import write_files

HISTORIES = Path(__file__).resolve().with_name("histories")


@dataclass
class Rendered:
    """A report as built, and the three files a visitor downloads of it."""

    document: ReportDocument
    html: str
    docx: bytes
    pdf: bytes


def built_once(media_root, load):
    """`load()` (which imports records and returns a report) run in a transaction rolled
    back at once; the report built and rendered from those records."""
    with override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        document = build_report(load())
        rendered = Rendered(
            document, render_html(document), render_docx(document), render_pdf(document)
        )
        transaction.set_rollback(True)
    return rendered


def history_file(name):
    return json.loads((HISTORIES / name).read_text(encoding="utf-8"))


def built_from_history(tmp_path_factory, history, acronym, kind, *, accounts=None):
    """The report of `kind` of the group `acronym`, built once from `history` imported by
    the secretariat; `accounts()` makes the accounts it names and returns the importer's."""

    def load():
        if accounts is None:
            import_member_states()
            secretariat = factories.SecretariatUserFactory(username="secretariat")
        else:
            secretariat = accounts()
        folder = tmp_path_factory.mktemp(acronym.lower())
        write_files(folder, history)
        import_history(history, folder=folder, by=secretariat)
        return Report.objects.get(group__acronym=acronym, kind=kind)

    return built_once(tmp_path_factory.mktemp("media"), load)


def lines(sections):
    """What a reader reads of `sections`, line by line: '2 Activities of the EG-INR',
    '2.1 The EG-INR held ...', then each bullet of a paragraph under it."""
    return [
        [
            f"{section.number} {section.title}",
            *(
                line
                for paragraph in section.paragraphs
                for line in (f"{paragraph.number} {paragraph.text}", *paragraph.bullets)
            ),
        ]
        for section in sections
    ]


def text_of(element):
    """The text of `element`, its layout's white space as one space; a no-break space is
    the text's own (French puts one before a colon)."""
    return re.sub(r"[ \t\n\r]+", " ", "".join(element.itertext())).strip()


def html_sections(html):
    """The numbered sections of the HTML fragment, as `lines` gives them."""
    article = ET.fromstring(html)
    return [
        [
            text_of(section.find("h2")),
            *(
                text_of(element)
                for block in section.findall("div")
                for element in block.iter()
                if element.tag in ("p", "li")
            ),
        ]
        for section in article.iter("section")
        if section.get("class") == "report-section"
    ]


def html_header_block(html):
    """The header block of the HTML fragment: each label with its text."""
    summary = ET.fromstring(html).find(".//dl")
    if summary is None:
        return []
    labels, values = summary.findall("dt"), summary.findall("dd")
    return [
        HeaderField(text_of(label), text_of(value))
        for label, value in zip(labels, values, strict=True)
    ]


NUMBERED = re.compile(r"(\d+(?:\.\d+)*)\t(.*)", re.DOTALL)
BULLET_MARK = "·\t"


def docx_sections(data):
    """The numbered sections of the DOCX, as `lines` gives them: each starts at a heading
    'N<tab>title'; the heading of the first annex ends them. A number's tab reads as a
    space, and a bullet's mark typed before its text is left out."""
    sections = []
    for paragraph in docx.Document(io.BytesIO(data)).paragraphs:
        text = paragraph.text
        numbered = NUMBERED.fullmatch(text)
        if paragraph.style.name.startswith("Heading"):
            if numbered is None:
                if sections:
                    break
                continue
            sections.append([])
        if not sections or not text.strip():
            continue
        if numbered is not None:
            text = f"{numbered[1]} {numbered[2]}"
        sections[-1].append(text.removeprefix(BULLET_MARK))
    return sections


def normalized(text):
    """Whitespace as one space; a line broken after a hyphen or a slash joined again."""
    return re.sub(r"([-/]) ", r"\1", " ".join(text.split()))


# The text column of an A4 page, in points: right of the numbers that hang in the left
# margin (2 cm, then 1.27 cm), below the running header and above the page numbers (the
# top and bottom margins hold them). What a paragraph says runs on over a page break.
A4_WIDTH = 595
TEXT_COLUMN = {"-x": 88, "-y": 51, "-W": A4_WIDTH - 88, "-H": 777 - 51}


def pdf_text(pdf, folder):
    """The text column of every page of `pdf`, as poppler's pdftotext reads it (keeping
    its layout: it would otherwise take a hyphen that ends a line for a hyphenation)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        missing("needs pdftotext (Debian: poppler-utils)")
    path = Path(folder) / "report.pdf"
    path.write_bytes(pdf)
    crop = [str(part) for option in TEXT_COLUMN.items() for part in option]
    command = [pdftotext, "-layout", "-enc", "UTF-8", *crop, str(path), "-"]
    return normalized(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def pdf_lines(sections):
    """What the text column must hold of `sections`, in order: the titles, paragraphs and
    bullets without their numbers and marks, which hang outside it."""
    return [
        normalized(text)
        for section in sections
        for text in (
            section.title,
            *(line for p in section.paragraphs for line in (p.text, *p.bullets)),
        )
    ]


def missing_in_order(text, facts):
    """The facts not found in `text` after the one found before them."""
    missing, position = [], 0
    for fact in facts:
        found = text.find(fact, position)
        if found < 0:
            missing.append(fact)
        else:
            position = found + len(fact)
    return missing
