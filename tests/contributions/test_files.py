"""What a document file may be: real PDF and Office files within the limits, nothing else."""

import hashlib
import io
import re
import zipfile
from collections import Counter

import docx
import openpyxl
import pytest
import weasyprint
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from PIL import Image

from contributions import services
from contributions.files import (
    DOCX,
    PDF,
    PPTX,
    XLSX,
    FileRefused,
    check_document_file,
    display_name,
    size_text,
)
from egitrs.sample_documents import docx_bytes, pdf_bytes
from tests.contributions import hostile
from tests.factories import make_contribution

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def xlsx_bytes():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Work plan"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def package_bytes(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in entries.items():
            package.writestr(name, content)
    return buffer.getvalue()


def pptx_bytes():
    return package_bytes(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Override PartName="/ppt/presentation.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'
                "</Types>"
            ),
            "ppt/presentation.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p='
                '"http://schemas.openxmlformats.org/presentationml/2006/main"/>'
            ),
        }
    )


def zip_bomb_bytes(unpacked_bytes):
    """A package whose picture unpacks to `unpacked_bytes` of zeros, as its headers say."""
    return hostile.zip_package(
        [
            hostile.Entry("[Content_Types].xml", b"<Types/>"),
            hostile.bomb_entry(
                "word/media/image1.png", unpacked_bytes // 2**20, declared_size=unpacked_bytes
            ),
        ]
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("proposal.docx", docx_bytes("Proposal", ["Text."]), DOCX),
        ("work plan.XLSX", xlsx_bytes(), XLSX),
        ("slides.pptx", pptx_bytes(), PPTX),
        ("report.pdf", pdf_bytes("Report", ["Text."]), PDF),
    ],
)
def test_real_documents_are_accepted(name, content, content_type):
    checked = check_document_file(upload(name, content))
    assert checked.content_type == content_type
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "setup.docx",
            EXECUTABLE,
            "“setup.docx” is named .docx but its content is not a DOCX document.",
        ),
        (
            "setup.pdf",
            EXECUTABLE,
            "“setup.pdf” is named .pdf but its content is not a PDF document.",
        ),
        (
            "page.docx",
            HTML,
            "“page.docx” is named .docx but its content is not a DOCX document.",
        ),
        (
            # A workbook is a real Office package, but not a Word one.
            "book.docx",
            xlsx_bytes(),
            "“book.docx” is named .docx but its content is not a DOCX document.",
        ),
        (
            "empty.pdf",
            b"",
            "“empty.pdf” is named .pdf but its content is not a PDF document.",
        ),
        (
            "setup.exe",
            EXECUTABLE,
            "“setup.exe” is not an accepted document type. Accepted: PDF, DOCX, XLSX, PPTX.",
        ),
        (
            "proposal.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "“proposal.doc” is not an accepted document type. Accepted: PDF, DOCX, XLSX, PPTX.",
        ),
        (
            "no extension",
            b"%PDF-1.4",
            "“no extension” is not an accepted document type. Accepted: PDF, DOCX, XLSX, PPTX.",
        ),
        (
            "macros.docx",
            package_bytes(
                {
                    "[Content_Types].xml": "<Types/>",
                    "word/document.xml": hostile.DOCUMENT + "</w:document>",
                    "word/vbaProject.bin": b"\x00" * 10,
                }
            ),
            "“macros.docx” contains macros; save it as a document without macros.",
        ),
    ],
)
def test_wrong_content_is_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError) as refused:
        check_document_file(upload(name, content))
    assert refused.value.messages == [message]


def test_zip_bomb_is_refused(settings):
    # The limit is lowered so the bomb stays small to build; the check is the same at 200 MB.
    settings.CONTRIBUTION_MAX_UNPACKED_BYTES = 8 * 2**20
    bomb = zip_bomb_bytes(16 * 2**20)
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError) as refused:
        check_document_file(upload("bomb.docx", bomb))
    assert refused.value.messages == [
        "“bomb.docx” unpacks to more than a document can hold; it was refused."
    ]
    assert refused.value.code == "unpacked_size"


def test_zip_bomb_at_the_real_limit_is_refused():
    bomb = zip_bomb_bytes(300 * 2**20)
    with pytest.raises(ValidationError) as refused:
        check_document_file(upload("bomb.docx", bomb))
    assert refused.value.messages == [
        "“bomb.docx” unpacks to more than a document can hold; it was refused."
    ]
    assert refused.value.code == "unpacked_size"


def test_too_many_entries_are_refused(settings):
    settings.CONTRIBUTION_MAX_ZIP_ENTRIES = 50
    entries = {"[Content_Types].xml": "<Types/>"}
    entries.update({f"word/part{i}.xml": "<x/>" for i in range(50)})
    with pytest.raises(ValidationError) as refused:
        check_document_file(upload("parts.docx", package_bytes(entries)))
    assert refused.value.messages == [
        "“parts.docx” has more parts than a document can hold; it was refused."
    ]


def test_file_over_the_size_limit_is_refused(settings):
    settings.CONTRIBUTION_MAX_UPLOAD_BYTES = 1000
    content = b"%PDF-1.4\n" + b"0" * 1000
    with pytest.raises(ValidationError) as refused:
        check_document_file(upload("big.pdf", content))
    assert refused.value.messages == [
        "The file is 1009 bytes; files up to 1000 bytes are accepted."
    ]


def test_file_at_the_size_limit_is_accepted(settings):
    content = pdf_bytes("Report", ["Text."])
    settings.CONTRIBUTION_MAX_UPLOAD_BYTES = len(content)
    assert check_document_file(upload("exact.pdf", content)).size == len(content)


@pytest.mark.parametrize(
    ("uploaded", "shown"),
    [
        ("../../etc/passwd\x00.docx", "passwd.docx"),
        ("..\\..\\windows\\system32\\evil.docx", "evil.docx"),
        ("report\r\nX-Injected: yes.docx", "reportX-Injected: yes.docx"),
        ("\x1b[31mred.docx", "[31mred.docx"),
        ("Contribution Égypte.docx", "Contribution Égypte.docx"),
        ("", "document"),
    ],
)
def test_display_name_drops_folders_and_control_characters(uploaded, shown):
    assert display_name(uploaded) == shown


def test_hostile_name_is_never_used_to_store_the_file(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, with_file=False)
    hostile = SimpleUploadedFile("../../etc/passwd.docx", docx_bytes("Proposal", ["Text."]))
    stored = services.add_file(
        contribution=contribution, upload=hostile, language="en", by=delegate_a
    )
    stored.refresh_from_db()
    assert re.fullmatch(rf"contributions/{meeting.pk}/[0-9a-f]{{32}}\.docx", stored.file.name)
    assert stored.original_name == "passwd.docx"
    assert stored.content_type == DOCX
    assert stored.file.storage.exists(stored.file.name)
    assert stored.download_name == f"draft-{contribution.pk}-E.docx"


def test_stored_file_records_size_and_digest(meeting, delegate_a):
    contribution = make_contribution(meeting=meeting, delegate=delegate_a, with_file=False)
    content = pdf_bytes("Report", ["Text."])
    stored = services.add_file(
        contribution=contribution, upload=upload("r.pdf", content), language="fr", by=delegate_a
    )
    assert (stored.size, stored.sha256, stored.language) == (
        len(content),
        hashlib.sha256(content).hexdigest(),
        "fr",
    )
    with stored.file.open("rb") as handle:
        assert handle.read() == content


def docx_with_hyperlink():
    document = docx.Document()
    paragraph = document.add_paragraph("See ")
    relationship = document.part.relate_to(
        "https://www.itu.int/en/council/Pages/eg-itrs.aspx", RT.HYPERLINK, is_external=True
    )
    link = paragraph._p.makeelement(qn("w:hyperlink"), {qn("r:id"): relationship})
    paragraph._p.append(link)
    document.add_picture(io.BytesIO(png_bytes()))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("linked.docx", docx_with_hyperlink(), DOCX),
        ("weasyprint.pdf", weasyprint.HTML(string="<h1>Report</h1><p>Text.</p>").write_pdf(), PDF),
        (
            "tagged.pdf",
            weasyprint.HTML(string="<h1>Report</h1>").write_pdf(pdf_variant="pdf/ua-1"),
            PDF,
        ),
    ],
)
def test_documents_with_links_pictures_and_object_streams_are_accepted(
    name, content, content_type
):
    assert check_document_file(upload(name, content)).content_type == content_type


@pytest.mark.parametrize("hostile_file", hostile.corpus(), ids=lambda item: item.kind)
def test_every_hostile_file_is_refused_by_its_rule(hostile_file, settings):
    # The rules, without a virus scanner (whose heuristics name some of these first).
    settings.CLAMD_SOCKET = settings.CLAMD_HOST = ""
    with pytest.raises(FileRefused) as refused:
        check_document_file(upload(hostile_file.name, hostile_file.content))
    assert refused.value.messages == [hostile_file.message]
    assert refused.value.code == hostile_file.kind


def test_the_corpus_holds_every_kind_of_hostile_file():
    kinds = Counter(item.kind for item in hostile.corpus())
    assert len(hostile.corpus()) >= 60
    assert set(kinds) == {
        "content",
        "damaged",
        "duplicate_entries",
        "embedded",
        "entries",
        "extension",
        "external",
        "html_parts",
        "macros",
        "name_characters",
        "name_length",
        "pdf_embedded_files",
        "pdf_javascript",
        "pdf_launch",
        "pdf_protected",
        "polyglot_html",
        "polyglot_pdf",
        "polyglot_zip",
        "unpacked_size",
        "unsafe_entry_names",
        "xml_entities",
    }


def test_the_javascript_in_an_object_stream_is_not_in_the_files_bytes():
    # What the PDF check finds there, it finds by reading the PDF, not by searching bytes.
    content = hostile.pdf_with_object_stream(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction " + hostile.JS_ACTION + b" >>"
    )
    assert b"JavaScript" not in content


def test_a_bomb_stops_at_the_cap_without_trusting_its_headers():
    bomb = hostile.docx(add=[hostile.bomb_entry("word/media/image1.png", 300, declared_size=1000)])
    with zipfile.ZipFile(io.BytesIO(bomb)) as package:
        declared = sum(entry.file_size for entry in package.infolist())
    assert declared < 2**20
    assert len(bomb) < 400_000
    with pytest.raises(FileRefused) as refused:
        check_document_file(upload("bomb.docx", bomb))
    assert refused.value.code == "unpacked_size"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("report\r\nX-Injected: yes.pdf", "reportX-Injected: yes.pdf"),
        ("tab\there.pdf", "tabhere.pdf"),
        ("evil\u202egpj.pdf", "evilgpj.pdf"),
        ("isolate\u2066.pdf", "isolate.pdf"),
    ],
)
def test_names_with_control_characters_are_refused(name, shown):
    with pytest.raises(FileRefused) as refused:
        check_document_file(upload(name, pdf_bytes("Report", ["Text."])))
    assert refused.value.messages == [
        f"The name of “{shown}” contains control characters (such as line breaks); rename the "
        "file and choose it again."
    ]


def test_a_name_of_200_characters_is_accepted_and_201_refused():
    content = pdf_bytes("Report", ["Text."])
    assert check_document_file(upload("a" * 196 + ".pdf", content)).content_type == PDF
    with pytest.raises(FileRefused) as refused:
        check_document_file(upload("a" * 197 + ".pdf", content))
    assert refused.value.code == "name_length"


def test_persian_and_chinese_names_are_accepted():
    content = pdf_bytes("Report", ["Text."])
    # The zero-width non-joiner is part of Persian spelling, not a control character.
    for name in ["گزارش\u200cها.pdf", "报告" * 90 + ".pdf"]:
        assert check_document_file(upload(name, content)).content_type == PDF


@pytest.mark.parametrize(
    ("size", "shown", "rounded_up"),
    [
        (20 * 2**20, "20 MB", "20 MB"),
        (20 * 2**20 + 1, "20 MB", "20.1 MB"),
        (int(20.1 * 2**20), "20.1 MB", "20.1 MB"),
        (1536, "1.5 KB", "1.5 KB"),
        (2**30, "1 GB", "1 GB"),
        (1, "1 byte", "1 byte"),
        (1000, "1000 bytes", "1000 bytes"),
    ],
)
def test_sizes_read_without_a_pointless_decimal(size, shown, rounded_up):
    assert (size_text(size), size_text(size, round_up=True)) == (shown, rounded_up)


def test_a_file_just_over_the_limit_never_reads_as_the_limit(settings):
    settings.CONTRIBUTION_MAX_UPLOAD_BYTES = 20 * 2**20
    content = b"%PDF-1.4\n" + b"0" * (20 * 2**20)
    with pytest.raises(FileRefused) as refused:
        check_document_file(upload("big.pdf", content))
    assert refused.value.messages == ["The file is 20.1 MB; files up to 20 MB are accepted."]
