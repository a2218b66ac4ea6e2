"""What a document file may be: checked by content, not only by name."""

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

# Extension → (content type, the folder an Office package of that kind must contain).
ALLOWED = {
    ".pdf": (PDF, None),
    ".docx": (DOCX, "word/"),
    ".xlsx": (XLSX, "xl/"),
    ".pptx": (PPTX, "ppt/"),
}


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str


def display_name(name):
    """The uploader's file name made safe to store and show: no folders, no control characters.

    It is kept only to tell people what they uploaded; files are stored under a generated name.
    """
    name = PurePath((name or "").replace("\\", "/")).name
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    return name[-255:] or "document"


def allowed_extensions_text():
    return ", ".join(extension.lstrip(".").upper() for extension in ALLOWED)


def check_document_file(upload):
    """Refuse anything but a real PDF or Office Open XML file within the limits.

    Returns its detected type, size and SHA-256; raises ValidationError with a message
    the uploader can act on.
    """
    name = display_name(upload.name)
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED:
        raise ValidationError(
            _("“%(name)s” is not an accepted document type. Accepted: %(types)s."),
            code="extension",
            params={"name": name, "types": allowed_extensions_text()},
        )
    limit = settings.CONTRIBUTION_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s."),
            code="size",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    content_type, package_folder = ALLOWED[extension]
    upload.seek(0)
    if content_type == PDF:
        if not upload.read(5) == b"%PDF-":
            raise _content_mismatch(name, extension)
    else:
        _check_office_package(upload, name, extension, package_folder)
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(content_type=content_type, size=upload.size, sha256=digest.hexdigest())


def _content_mismatch(name, extension):
    return ValidationError(
        _("“%(name)s” is named %(extension)s but its content is not a %(kind)s document."),
        code="content",
        params={"name": name, "extension": extension, "kind": extension.lstrip(".").upper()},
    )


def _check_office_package(upload, name, extension, package_folder):
    try:
        with zipfile.ZipFile(upload) as package:
            entries = package.infolist()
    # A damaged or hostile archive can fail in any of these ways before it is even read.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _content_mismatch(name, extension) from None
    if len(entries) > settings.CONTRIBUTION_MAX_ZIP_ENTRIES:
        raise ValidationError(
            _("“%(name)s” has more parts than a document can hold; it was refused."),
            code="entries",
            params={"name": name},
        )
    # The sizes a ZIP declares are the most its entries can unpack to: zipfile stops there.
    if sum(entry.file_size for entry in entries) > settings.CONTRIBUTION_MAX_UNPACKED_BYTES:
        raise ValidationError(
            _("“%(name)s” unpacks to more than a document can hold; it was refused."),
            code="unpacked_size",
            params={"name": name},
        )
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or not any(n.startswith(package_folder) for n in names):
        raise _content_mismatch(name, extension)
    # A macro-enabled file renamed to .docx/.xlsx/.pptx still carries its macros.
    if any(PurePath(n).name.lower() == "vbaproject.bin" for n in names):
        raise ValidationError(
            _("“%(name)s” contains macros; save it as a document without macros."),
            code="macros",
            params={"name": name},
        )
