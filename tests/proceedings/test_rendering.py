"""The three formats of a report say what the built document says."""

import dataclasses
import io
import re
import time
import xml.etree.ElementTree as ET

import docx
import pytest
import weasyprint
from docx.oxml.ns import qn
from docx.shared import Cm
from pypdf import PdfReader

from proceedings.rendering import refusing_url_fetcher, render_docx, render_html, render_pdf
from proceedings.reports import Annex, build_report
from tests.demo import seed
from tests.proceedings.stories import satellite_story
from tests.proceedings.test_builder import build_demo_reports


@pytest.fixture(scope="module")
def demo_reports(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo's reports as built (see `build_demo_reports`): rendering needs no database."""
    with django_db_blocker.unblock():
        return build_demo_reports(tmp_path_factory.mktemp("media"))


@pytest.fixture
def progress(demo_reports):
    return demo_reports["progress"]


@pytest.fixture
def meeting_2(demo_reports):
    return demo_reports["meeting 2"]


def numbered_texts(document):
    """Every numbered paragraph as a reader sees it: '2.1 The EG-ITRs held ...'."""
    return [
        f"{paragraph.number} {paragraph.text}"
        for section in document.sections
        for paragraph in section.paragraphs
    ]


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def parse(html):
    # The fragment is well-formed XML (no void elements): read it as a reader would.
    return ET.fromstring(html)


def normalized(text):
    """Whitespace as one space; a line broken after a hyphen or a slash joined again."""
    return re.sub(r"([-/]) ", r"\1", " ".join(text.split()))


def pdf_text(pdf):
    return normalized(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def test_html_holds_the_header_the_numbered_paragraphs_and_the_bullets(progress):
    article = parse(render_html(progress))

    assert article.tag == "article"
    assert (article.get("lang"), article.get("dir")) == ("en", "ltr")
    assert [text_of(p) for p in article.findall(".//table[@class='report-meta']//p")] == [
        "Council 2024",
        "Document C24/24",
        "30 January 2024",
        "Original: English",
    ]
    assert text_of(article.find(".//h1")) == "Progress report of the EG-ITRs"
    assert [text_of(dt) for dt in article.findall(".//dl/dt")] == [
        "Purpose",
        "Action required by the Council",
        "Relevant link(s) with the Strategic Plan",
        "Financial implications",
        "References",
    ]
    assert [text_of(h2) for h2 in article.findall(".//section/h2")] == [
        "1 Introduction",
        "2 Activities of the EG-ITRs",
        "3 Conclusions",
    ]
    assert [
        text_of(p) for p in article.findall(".//div[@class='report-paragraph']/p")
    ] == numbered_texts(progress)
    assert [text_of(li) for li in article.findall(".//li")] == seed.TERMS_OF_REFERENCE


def test_html_of_a_meeting_report_has_its_annexes_with_tables(meeting_2):
    article = parse(render_html(meeting_2))

    annexes = article.findall(".//section[@class='report-annex']")
    assert [text_of(annex.find("h2")) for annex in annexes] == [
        "Annex 1 Work plan of the EG-ITRs",
        f"Annex 2 {seed.STATEMENT_TITLE}",
        "Annex 3 List of participants",
        "Annex 4 Agenda",
    ]
    assert [text_of(th) for th in annexes[2].findall(".//th[@scope='col']")] == [
        "Organization",
        "Name",
        "Role",
    ]
    assert [text_of(p) for p in annexes[1].findall("p")] == [
        seed.STATEMENT_TITLE,
        "Demonstration file: it stands in for the document of this title.",
        "Submitted as Document EG-ITRs 2/5.",
    ]


def test_html_escapes_what_the_records_hold(meeting_2):
    statement = Annex(2, "Statement", ["<script>alert(1)</script> & more"])
    document = dataclasses.replace(meeting_2, annexes=[statement])

    article = parse(render_html(document))

    assert article.findall(".//script") == []
    annex = article.find(".//section[@id='annex-2']")
    assert text_of(annex.find("p")) == "<script>alert(1)</script> & more"


def test_arabic_report_reads_right_to_left(progress):
    document = dataclasses.replace(progress, language="ar")

    article = parse(render_html(document))
    numbered = next(
        p
        for p in docx.Document(io.BytesIO(render_docx(document))).paragraphs
        if p.text.startswith("1.1\t")
    )

    assert (article.get("lang"), article.get("dir")) == ("ar", "rtl")
    # Right to left through its style, Normal's: the whole document.
    style = numbered.style
    assert (style.name, style.base_style.name) == ("Numbered Paragraph", "Normal")
    assert style.base_style.element.pPr.find(qn("w:bidi")) is not None


def test_docx_looks_like_a_council_document(progress):
    document = docx.Document(io.BytesIO(render_docx(progress)))

    header = document.tables[0]
    assert [cell.text for cell in header.rows[0].cells] == [
        "Council 2024",
        "Document C24/24\n30 January 2024\nOriginal: English",
    ]
    summary = document.tables[1].rows[0].cells[0].text
    assert summary.splitlines()[:2] == ["Purpose", seed.PURPOSE]
    assert [(p.style.name, p.text) for p in document.paragraphs[:3]] == [
        ("Source", "Report by the Chair of the EG-ITRs"),
        ("Title", "Progress report of the EG-ITRs"),
        ("Heading 1", "1\tIntroduction"),
    ]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        "1\tIntroduction",
        "2\tActivities of the EG-ITRs",
        "3\tConclusions",
    ]
    assert [p.text for p in document.paragraphs if p.style.name == "Numbered Paragraph"] == [
        text.replace(" ", "\t", 1) for text in numbered_texts(progress)
    ]
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"] == (
        seed.TERMS_OF_REFERENCE
    )
    layout = document.styles["Numbered Paragraph"].paragraph_format
    assert (layout.left_indent, layout.first_line_indent) == (Cm(1.27), -Cm(1.27))
    assert document.core_properties.title == "Progress report of the EG-ITRs"


def test_docx_starts_each_annex_on_a_new_page(meeting_2):
    document = docx.Document(io.BytesIO(render_docx(meeting_2)))

    assert [p.text for p in document.paragraphs if p.paragraph_format.page_break_before] == [
        "Annex 1",
        "Annex 2",
        "Annex 3",
        "Annex 4",
    ]
    participants = document.tables[-2]
    assert [cell.text for cell in participants.rows[0].cells] == ["Organization", "Name", "Role"]
    assert len(participants.rows) == 1 + 4


def test_pdf_is_a_valid_pdf_holding_the_facts_of_the_seed(progress):
    pdf = render_pdf(progress)

    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title == "Progress report of the EG-ITRs"
    text = pdf_text(pdf)
    for fact in [
        "16 October 2023",
        "29-30 January 2024",
        "no consensus was reached on the work plan",
        "Annex 2",
        "Russian Federation",
        "Document C24/24",
        # The numbers hang in the margin: the text extractor reads them apart.
        *(p.text for section in progress.sections for p in section.paragraphs),
        *seed.TERMS_OF_REFERENCE,
    ]:
        assert normalized(fact) in text, fact


def test_pdf_of_a_meeting_report_starts_each_annex_on_a_new_page(meeting_2):
    reader = PdfReader(io.BytesIO(render_pdf(meeting_2)))

    first_lines = [page.extract_text().strip().splitlines()[0] for page in reader.pages]
    assert [line for line in first_lines if line.startswith("Annex")] == [
        "Annex 1",
        "Annex 2",
        "Annex 3",
        "Annex 4",
    ]


def test_pdf_rendering_fetches_nothing():
    # 192.0.2.1 is reserved for documentation: a fetch would wait for its timeout.
    html = '<p>Text</p><img src="http://192.0.2.1/logo.png"><img src="file:///etc/passwd">'
    started = time.monotonic()

    pdf = weasyprint.HTML(string=html, url_fetcher=refusing_url_fetcher()).write_pdf()

    assert time.monotonic() - started < 5
    assert pdf.startswith(b"%PDF-")


def test_html_of_a_draft_says_so_at_its_top(secretariat):
    sat = satellite_story(secretariat)

    article = parse(render_html(build_report(sat.progress)))

    assert (article[0].tag, article[0].get("class"), article[0].get("role")) == (
        "p",
        "report-draft",
        "note",
    )
    assert text_of(article[0]) == (
        "DRAFT – not approved The group has not approved this report: its text may still change."
    )


def test_html_of_an_approved_report_carries_no_draft_mark(secretariat):
    sat = satellite_story(secretariat)
    approved = sat.group.reports.get(meeting=sat.bangkok)

    html = render_html(build_report(approved))

    assert (parse(html)[0].get("class"), re.findall("(?i)draft", html)) == ("report-header", [])
