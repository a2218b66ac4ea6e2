"""The demo's published progress report to Council 2024 holds every fact of the seed,
section by section, in the page, the DOCX and the PDF an anonymous visitor gets."""

import io
import re

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from proceedings.enums import ReportKind
from proceedings.models import Report
from tests.demo import seed
from tests.roles import content_of

HEADER = [
    "Council 2024",
    "Document C24/24",
    "30 January 2024",
    "Original: English",
    "Report by the Chair of the EG-ITRs",
    "Progress report of the EG-ITRs",
    seed.PURPOSE,
    "Action required by the Council",
    seed.ACTION_REQUIRED,
    seed.STRATEGIC_PLAN_LINKS,
    seed.FINANCIAL_IMPLICATIONS,
    "Resolution 146 (Rev. Bucharest, 2022); Council Resolution 1379 (Mod. 2023)",
]
SECTIONS = {
    "Introduction": [seed.MANDATE, seed.TERMS_OF_REFERENCE_INTRO, *seed.TERMS_OF_REFERENCE],
    "Activities of the EG-ITRs": [
        # 2.1 and 2.2 word for word.
        "The EG-ITRs held its first and second meetings at the ITU Headquarters in Geneva, "
        "Switzerland, on 16 October 2023 and 29-30 January 2024, respectively.",
        "The Reports of the first and second meeting of EG-ITRs were approved by the Group.",
        # 2.3: its facts, the decision's sentence first.
        "In the first meeting of the EG-ITRs, no consensus was reached on the work plan.",
        "the Group deliberated on the contributions received, with the discussion focusing on "
        "the work plan proposals.",
        # 2.4: its facts, in the active voice.
        "In the second meeting of the EG-ITRs, the Group approved a work plan with the "
        f"understanding that {seed.UNDERSTANDING}.",
        "A statement from the Russian Federation in this respect is attached as Annex 2 to the "
        "Second Meeting Report.",
    ],
    "Conclusions": seed.CONCLUSIONS.split("\n\n"),
}


def flat(text):
    """Whitespace as one space, a line broken after a hyphen or a slash joined, any case."""
    return re.sub(r"([-/]) ", r"\1", " ".join(text.split())).lower()


def in_order(text, facts):
    """The facts not found in `text` after the one before them."""
    missing, position = [], 0
    for fact in facts:
        found = text.find(flat(fact), position)
        if found < 0:
            missing.append(fact)
        else:
            position = found + len(flat(fact))
    return missing


def every_fact(text):
    facts = [*HEADER]
    for title, paragraphs in SECTIONS.items():
        facts += [title, *paragraphs]
    return in_order(flat(text), facts)


def docx_texts(document):
    """The text of the body in the order Word shows it: paragraphs, and tables cell by cell."""
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            yield from (cell.text for row in block.rows for cell in row.cells)
        else:
            yield block.text


@pytest.fixture
def report(story):
    return Report.objects.get(group=story, kind=ReportKind.PROGRESS)


def test_the_page_holds_every_fact_of_the_seed_for_a_visitor(client, report):
    html = client.get(report.get_absolute_url()).content.decode()
    article = html[html.index("<article") : html.index("</article>")]
    text = re.sub(r"<[^>]+>", " ", article).replace("&#x27;", "'").replace("&quot;", '"')

    assert every_fact(text) == []
    assert "draft" not in flat(text)


def test_the_docx_holds_every_fact_of_the_seed_for_a_visitor(client, report):
    url = reverse("proceedings:report_docx", args=[report.group.slug, report.pk])
    response = client.get(url)
    document = docx.Document(io.BytesIO(content_of(response)))
    text = " ".join(docx_texts(document))

    assert response.status_code == 200
    assert every_fact(text) == []


def test_the_pdf_holds_every_fact_of_the_seed_for_a_visitor(client, report):
    url = reverse("proceedings:report_pdf", args=[report.group.slug, report.pk])
    response = client.get(url)
    pdf = PdfReader(io.BytesIO(content_of(response)))
    text = " ".join(page.extract_text() for page in pdf.pages)

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert every_fact(text) == []
