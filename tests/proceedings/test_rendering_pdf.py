"""The PDF a parent body accepts: every font embedded, tagged, PDF/A once approved, Arabic
and Chinese set in fonts that have them, a draft marked on every page.

Checked with poppler's tools, as the parent body's secretariat would check the file.
"""

import datetime
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from meetings.models import Registration
from proceedings import services
from proceedings.enums import Outcome
from proceedings.rendering import render_pdf
from proceedings.reports import build_report
from tests import factories
from tests.conftest import missing
from tests.proceedings.conftest import make_decision
from tests.proceedings.stories import satellite_story

APPROVED_AT = datetime.datetime(2020, 5, 12, 9, 30, tzinfo=datetime.UTC)
SAUDI_ARABIA = "المملكة العربية السعودية"
CHINA = "中国"
CHINESE_SUBJECT = "卫星申报程序"
DRAFT = "DRAFT – not approved"
# Marks pdftotext puts around right-to-left text: formatting, not text.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
XMP_ID = {"pdfa": "http://www.aiim.org/pdfa/ns/id/", "pdfua": "http://www.aiim.org/pdfua/ns/id/"}


@pytest.fixture
def sat(secretariat):
    return satellite_story(secretariat)


def approve_progress(sat, secretariat):
    """The EG-SAT's progress report approved (dated 12 May 2020), its renditions stored."""
    return services.approve_report(
        report=sat.progress, decision=sat.approval_2, by=secretariat, at=APPROVED_AT
    )


def stored_pdf(report):
    with report.renditions.get(format="pdf").file.open("rb") as file:
        return file.read()


def poppler(tool, pdf, tmp_path, *options):
    """What one of poppler's tools (pdffonts, pdfinfo, pdftotext) says of `pdf`."""
    path = shutil.which(tool)
    if path is None:
        missing(f"needs {tool} (Debian: poppler-utils)")
    file = tmp_path / "report.pdf"
    file.write_bytes(pdf)
    output = ["-"] if tool == "pdftotext" else []
    command = [path, *options, str(file), *output]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def fonts(pdf, tmp_path):
    """pdffonts' table: (font name without its subset prefix, embedded) per font."""
    header, rule, *rows = poppler("pdffonts", pdf, tmp_path).splitlines()
    columns = [match.span() for match in re.finditer(r"-+", rule)]
    table = [{header[a:b].strip(): row[a:b].strip() for a, b in columns} for row in rows]
    return sorted((font["name"].split("+")[-1], font["emb"]) for font in table)


def info(pdf, tmp_path):
    lines = poppler("pdfinfo", pdf, tmp_path, "-isodates").splitlines()
    return dict(line.split(":", 1) for line in lines)


def info_fields(pdf, tmp_path, *keys):
    fields = info(pdf, tmp_path)
    return {key: fields[key].strip() for key in keys}


def pages(pdf, tmp_path):
    """The text of each page, as pdftotext reads it, whitespace as one space."""
    text = BIDI_CONTROLS.sub("", poppler("pdftotext", pdf, tmp_path, "-enc", "UTF-8"))
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def identification(pdf):
    """The PDF/A and PDF/UA parts and conformance the XMP metadata claims."""
    xmp = ET.fromstring(PdfReader(io.BytesIO(pdf)).xmp_metadata.stream.get_data())
    return {
        f"{prefix}:{name}": value
        for element in xmp.iter()
        for prefix, namespace in XMP_ID.items()
        for name in ("part", "conformance")
        if (value := element.get(f"{{{namespace}}}{name}")) is not None
    }


def test_an_approved_report_is_a_tagged_pdf_a_with_its_fonts_embedded(sat, secretariat, tmp_path):
    pdf = stored_pdf(approve_progress(sat, secretariat))

    assert fonts(pdf, tmp_path) == [("DejaVu-Serif", "yes"), ("DejaVu-Serif-Bold", "yes")]
    assert identification(pdf) == {"pdfa:part": "2", "pdfa:conformance": "A"}
    assert info_fields(
        pdf, tmp_path, "Title", "Author", "Subject", "CreationDate", "ModDate", "Tagged"
    ) == {
        "Title": "Progress report of the EG-SAT",
        "Author": "Chair of the EG-SAT",
        "Subject": "Report by the Chair of the EG-SAT",
        "CreationDate": "2020-05-12T00:00:00Z",
        "ModDate": "2020-05-12T00:00:00Z",
        "Tagged": "yes",
    }
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en"


def test_an_approved_report_carries_no_draft_mark(sat, secretariat, tmp_path):
    text = pages(stored_pdf(approve_progress(sat, secretariat)), tmp_path)

    assert text[0].startswith(
        "Council 2020 Document C20/45 12 May 2020 Original: English "
        "Report by the Chair of the EG-SAT Progress report of the EG-SAT Purpose"
    )
    assert text[1].startswith("C20/45 – 12 May 2020 On behalf of the EG-SAT, the Chair thanks")
    assert [re.findall(r"DRAFT|not approved", page, re.IGNORECASE) for page in text] == [[], []]
    assert [page.split(" ")[-4:] for page in text] == [
        ["Page", "1", "of", "2"],
        ["Page", "2", "of", "2"],
    ]


def test_a_draft_is_tagged_pdf_ua_and_marked_on_every_page(sat, tmp_path):
    pdf = render_pdf(build_report(sat.online_report))

    text = pages(pdf, tmp_path)

    assert identification(pdf) == {"pdfua:part": "1"}
    assert info_fields(pdf, tmp_path, "Tagged") == {"Tagged": "yes"}
    assert all(embedded == "yes" for _, embedded in fonts(pdf, tmp_path))
    # Page 1: the mark at the top, then the banner; then the mark above the running header.
    assert text[0].startswith(
        f"{DRAFT} {DRAFT} The group has not approved this report: its text may still change. "
        "Second meeting, online, 9 March 2020"
    )
    assert [page[: page.index(" Annex")] for page in text[1:]] == [
        f"{DRAFT} Report of the second meeting of the EG-SAT"
    ] * 3
    assert [page.count("DRAFT") for page in text] == [2, 1, 1, 1]


def test_an_undated_draft_is_dated_when_it_is_rendered(sat, tmp_path):
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    pdf = render_pdf(build_report(sat.progress))
    after = datetime.datetime.now(datetime.UTC)

    created = datetime.datetime.fromisoformat(info(pdf, tmp_path)["CreationDate"].strip())
    assert before <= created <= after


def test_arabic_and_chinese_names_are_set_in_fonts_that_have_them(sat, tmp_path):
    saudi_arabia = factories.OrganizationFactory(name=SAUDI_ARABIA)
    china = factories.OrganizationFactory(name=CHINA)
    for name, organization in [("فيصل العتيبي", saudi_arabia), ("李明", china)]:
        Registration.objects.create(
            meeting=sat.online, name=name, organization=organization, attended=True
        )
    make_decision(sat.online, subject=CHINESE_SUBJECT, outcome=Outcome.NOTED, order=4)

    pdf = render_pdf(build_report(sat.online_report))

    assert fonts(pdf, tmp_path) == [
        ("DejaVu-Serif", "yes"),
        ("DejaVu-Serif-Bold", "yes"),
        ("Noto-Naskh-Arabic", "yes"),
        ("Noto-Serif-CJK-SC", "yes"),
    ]
    text = " ".join(pages(pdf, tmp_path))
    assert "The meeting took note of 卫星申报程序." in text
    participants = text[text.index("Organization Name Role") :]
    assert participants.startswith(
        "Organization Name Role Kenya Wanjiru Kamau Delegate "
        f"Thailand Somchai Boonmee Delegate {SAUDI_ARABIA} فيصل العتيبي Delegate "
        f"{CHINA} 李明 Delegate"
    )
    assert "\ufffd" not in text


def test_what_the_records_hold_cannot_break_out_of_the_page_style(sat, tmp_path):
    sat.progress.parent_body_document = 'C20/"45" </style><h1>\\A'
    sat.progress.save()

    text = pages(render_pdf(build_report(sat.progress)), tmp_path)

    running = f'{DRAFT} C20/"45" </style><h1>\\A '
    # Page 1 has no running header; page 2's is the number as typed.
    assert (text[0].startswith(f"{DRAFT} {DRAFT} The group"), text[1][: len(running)]) == (
        True,
        running,
    )
    assert [page.split(" ")[-4:] for page in text] == [
        ["Page", "1", "of", "2"],
        ["Page", "2", "of", "2"],
    ]
