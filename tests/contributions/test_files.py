"""What a document file may be: real PDF and Office files within the limits, nothing else."""

import hashlib
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions import services
from contributions.files import DOCX, PDF, PPTX, XLSX, check_document_file, display_name
from egitrs.sample_documents import docx_bytes, pdf_bytes
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
    """A package whose word/ entry unpacks to `unpacked_bytes` of zeros, written streaming."""
    buffer = io.BytesIO()
    chunk = b"\x00" * 2**20
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as entry:
            for _ in range(unpacked_bytes // len(chunk)):
                entry.write(chunk)
    return buffer.getvalue()


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
                    "word/document.xml": "<w:document/>",
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
        "The file is 1009\xa0bytes; the largest accepted is 1000\xa0bytes."
    ]


def test_file_at_the_size_limit_is_accepted(settings):
    content = b"%PDF-1.4\n" + b"0" * 991
    settings.CONTRIBUTION_MAX_UPLOAD_BYTES = len(content)
    assert check_document_file(upload("exact.pdf", content)).size == 1000


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
    hostile = SimpleUploadedFile("../../etc/passwd\x00.docx", docx_bytes("Proposal", ["Text."]))
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
