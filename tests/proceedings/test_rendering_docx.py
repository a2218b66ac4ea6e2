"""The Word document a parent body accepts: Word's own styles, the report's properties,
a page header and 'Page X of Y', a draft marked as such; checked with python-docx, and
laid out by LibreOffice as Word would."""

import dataclasses
import datetime
import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from proceedings.rendering import render_docx
from proceedings.reports import build_report
from tests.conftest import missing
from tests.proceedings.stories import satellite_story
from tests.proceedings.test_rendering_pdf import approve_progress, pages

DRAFT = "DRAFT – not approved"
WORD_STYLES = [
    "Normal",
    "Title",
    "Source",
    "Draft Mark",
    "Heading 1",
    "Heading 2",
    "Numbered Paragraph",
    "List Bullet",
]


@pytest.fixture
def sat(secretariat):
    return satellite_story(secretariat)


def stored_docx(report):
    with report.renditions.get(format="docx").file.open("rb") as file:
        return file.read()


def word(data):
    return docx.Document(io.BytesIO(data))


def styled(document):
    return [(paragraph.style.name, paragraph.text) for paragraph in document.paragraphs]


def with_fields(paragraph):
    """A paragraph's text with each field shown as its instruction: 'Page {PAGE} of ...'."""
    parts = []
    for child in paragraph._p:
        if child.tag == qn("w:r"):
            for part in child:
                parts.append({qn("w:t"): part.text, qn("w:br"): "\n"}.get(part.tag, ""))
        elif child.tag == qn("w:fldSimple"):
            parts.append("{" + child.get(qn("w:instr")) + "}")
    return "".join(parts)


def page_furniture(document):
    """What the first page's and the other pages' header and footer say."""
    page = document.sections[0]
    return {
        "first header": [with_fields(p) for p in page.first_page_header.paragraphs],
        "header": [with_fields(p) for p in page.header.paragraphs],
        "first footer": [with_fields(p) for p in page.first_page_footer.paragraphs],
        "footer": [with_fields(p) for p in page.footer.paragraphs],
    }


def core(document):
    properties = document.core_properties
    names = ["title", "subject", "author", "last_modified_by", "keywords", "comments"]
    names += ["category", "identifier", "language", "content_status", "revision"]
    return {name: getattr(properties, name) for name in names}


def test_every_paragraph_has_a_word_style(sat):
    document = word(render_docx(build_report(sat.progress)))

    assert styled(document)[:10] == [
        ("Draft Mark", DRAFT),
        ("Source", "Report by the Chair of the EG-SAT"),
        ("Title", "Progress report of the EG-SAT"),
        ("Heading 1", "1\tIntroduction"),
        ("Numbered Paragraph", "1.1\tThe Group reviews the procedures for satellite filings."),
        ("Numbered Paragraph", "1.2\tThe terms of reference of the EG-SAT are:"),
        ("List Bullet", "to review the filing procedures of the Radio Regulations;"),
        ("List Bullet", "to propose simpler procedures to the Council."),
        ("Heading 1", "2\tActivities of the EG-SAT"),
        ("Numbered Paragraph", styled(document)[9][1]),
    ]
    assert [style for style, _ in styled(document)[10:]] == [
        *["Numbered Paragraph"] * 3,
        "Heading 1",
        *["Numbered Paragraph"] * 2,
    ]
    assert [table.style.name for table in document.tables] == ["Normal Table", "Table Grid"]


def test_the_styles_lay_out_a_council_document(sat):
    styles = word(render_docx(build_report(sat.progress))).styles

    numbered = styles["Numbered Paragraph"]
    assert (numbered.base_style.name, numbered.font.bold) == ("Normal", False)
    layout = numbered.paragraph_format
    assert (layout.left_indent.cm, layout.first_line_indent.cm) == (1.27, -1.27)
    assert [stop.position.cm for stop in layout.tab_stops] == [1.27]
    bullet = styles["List Bullet"].paragraph_format
    assert (round(bullet.left_indent.cm, 2), round(bullet.first_line_indent.cm, 2)) == (1.9, -0.63)
    # A style that names no font or size has Normal's.
    fonts = {name: (styles[name].font.name, styles[name].font.size) for name in WORD_STYLES}
    assert fonts == {
        "Normal": ("Calibri", Pt(12)),
        "Title": ("Calibri", Pt(14)),
        "Source": ("Calibri", Pt(12)),
        "Draft Mark": ("Calibri", Pt(14)),
        "Heading 1": ("Calibri", Pt(12)),
        "Heading 2": ("Calibri", Pt(12)),
        "Numbered Paragraph": ("Calibri", Pt(12)),
        "List Bullet": (None, None),
    }


def test_annexes_start_a_page_with_their_label_and_title_as_headings(sat):
    document = word(render_docx(build_report(sat.online_report)))

    annexes = [
        (p.style.name, p.text, p.paragraph_format.page_break_before)
        for p in document.paragraphs
        if p.style.name.startswith("Heading") and not p.text[0].isdigit()
    ]
    assert annexes == [
        ("Heading 1", "Annex 1", True),
        ("Heading 2", "Joint statement by Kenya and Thailand", None),
        ("Heading 1", "Annex 2", True),
        ("Heading 2", "List of participants", None),
        ("Heading 1", "Annex 3", True),
        ("Heading 2", "Agenda", None),
    ]
    participants = document.tables[-2]
    assert [cell.text for cell in participants.rows[0].cells] == ["Organization", "Name", "Role"]
    assert participants.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_a_draft_says_so_before_its_title_and_on_every_page(sat):
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    document = word(render_docx(build_report(sat.progress)))
    after = datetime.datetime.now(datetime.UTC)

    assert styled(document)[0] == ("Draft Mark", DRAFT)
    assert page_furniture(document) == {
        "first header": [DRAFT],
        # Undated: the number alone.
        "header": [f"{DRAFT}\nC20/45"],
        "first footer": ["Page {PAGE} of {NUMPAGES}"],
        "footer": ["Page {PAGE} of {NUMPAGES}"],
    }
    assert core(document)["content_status"] == "Draft"
    properties = document.core_properties
    assert before <= properties.created == properties.modified <= after


def test_an_approved_report_has_its_properties_and_no_draft_mark(sat, secretariat):
    data = stored_docx(approve_progress(sat, secretariat))
    document = word(data)

    assert [style for style, _ in styled(document)[:2]] == ["Source", "Title"]
    assert page_furniture(document) == {
        "first header": [""],
        "header": ["C20/45 – 12 May 2020"],
        "first footer": ["Page {PAGE} of {NUMPAGES}"],
        "footer": ["Page {PAGE} of {NUMPAGES}"],
    }
    assert core(document) == {
        "title": "Progress report of the EG-SAT",
        "subject": "Report by the Chair of the EG-SAT",
        "author": "Chair of the EG-SAT",
        "last_modified_by": "Chair of the EG-SAT",
        "keywords": "",
        "comments": "",
        "category": "",
        "identifier": "C20/45",
        "language": "en-GB",
        "content_status": "",
        "revision": 1,
    }
    midnight = datetime.datetime(2020, 5, 12, tzinfo=datetime.UTC)
    assert (document.core_properties.created, document.core_properties.modified) == (
        midnight,
        midnight,
    )
    # Nothing of python-docx's template of 2013: its thumbnail, Word for Mac's properties.
    assert sorted(zipfile.ZipFile(io.BytesIO(data)).namelist()) == [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/fontTable.xml",
        "word/footer1.xml",
        "word/footer2.xml",
        "word/header1.xml",
        "word/header2.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/styles.xml",
        "word/stylesWithEffects.xml",
        "word/theme/theme1.xml",
        "word/webSettings.xml",
    ]


def test_a_french_report_is_in_french_down_to_its_page_numbers(sat):
    document = word(render_docx(dataclasses.replace(build_report(sat.progress), language="fr")))

    assert page_furniture(document)["footer"] == ["Page {PAGE} sur {NUMPAGES}"]
    assert styled(document)[0] == ("Draft Mark", "PROJET – non approuvé")
    assert core(document)["language"] == "fr-FR"


def test_an_arabic_report_runs_right_to_left(sat):
    document = word(render_docx(dataclasses.replace(build_report(sat.progress), language="ar")))

    normal = document.styles["Normal"].element.pPr
    assert normal.find(qn("w:bidi")) is not None
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None
    tables = [table._tbl.tblPr for table in document.tables]
    assert [table.find(qn("w:bidiVisual")) is not None for table in tables] == [True, True]
    assert core(document)["language"] == "ar-SA"


def test_libreoffice_lays_the_document_out_with_its_headers_and_page_numbers(sat, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        missing("needs LibreOffice (Debian: libreoffice-writer-nogui)")
    (tmp_path / "report.docx").write_bytes(render_docx(build_report(sat.online_report)))

    subprocess.run(
        [
            soffice,
            # A profile of its own: LibreOffice locks its profile, and tests run in parallel.
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "report.docx"),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )

    text = pages((tmp_path / "report.pdf").read_bytes(), tmp_path)
    assert [page[-11:] for page in text] == [f"Page {n} of 4" for n in range(1, 5)]
    # The header table's cells are read side by side, their lines interleaved.
    first_page = text[0].split(f" {DRAFT} ")
    assert first_page[0] == f"{DRAFT} Second meeting, online, 9 March 2020 Original: English"
    assert first_page[1].startswith(
        "Report by the Chair of the EG-SAT Report of the second meeting of the EG-SAT 1 Opening "
        "of the meeting 1.1 The second"
    )
    assert [page[: page.index(" Annex")] for page in text[1:]] == [
        f"{DRAFT} Report of the second meeting of the EG-SAT"
    ] * 3
