"""What a document file may be: checked by what it contains, not by its name.

`check_document_file` is the one entry point. A file is refused (`FileRefused`, a
ValidationError whose message names the rule) unless it is a real PDF or Office Open XML
document within the limits, with nothing active inside it (macros, scripts, embedded
files, links that fetch content), that is no other kind of file at the same time and that
the virus scanner, when one is configured, finds clean.
"""

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contributions.files import antivirus, ooxml, pdf
from contributions.files.refusals import FileRefused

__all__ = [
    "ALLOWED",
    "DOCX",
    "MAX_NAME_LENGTH",
    "PDF",
    "PPTX",
    "XLSX",
    "CheckedFile",
    "FileRefused",
    "allowed_extensions_text",
    "check_document_file",
    "display_name",
    "size_text",
]

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

# Longer than any name people give a document; Django's own upload keeps at most 255.
MAX_NAME_LENGTH = 200
# Characters that change how a name reads without being seen: line breaks, escapes, and
# the bidirectional overrides that make "report\u202excod.pdf" look like "reportdoc.pdf".
_BIDI_CONTROLS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


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


_UNITS = [(2**30, _("%(size)s GB")), (2**20, _("%(size)s MB")), (2**10, _("%(size)s KB"))]


def size_text(size, *, round_up=False):
    """A size as people read it: "20 MB", "20.1 MB", "512 KB" (1 MB = 1,024 KB).

    One decimal, left out when it is 0. With `round_up`, a file just over a limit never
    reads as the limit itself ("20.1 MB", not "20 MB").
    """
    for factor, template in _UNITS:
        if size >= factor:
            tenths = -(-size * 10 // factor) if round_up else (size * 10 + factor // 2) // factor
            decimals = 0 if tenths % 10 == 0 else 1
            return template % {"size": formats.number_format(tenths / 10, decimals)}
    return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}


def _original_name(upload):
    """The name the uploader gave, before anything shortened it (see egitrs.uploads)."""
    name = getattr(upload, "name_as_sent", None) or upload.name or ""
    return PurePath(name.replace("\\", "/")).name


def _check_name(upload):
    sent = _original_name(upload)
    name = display_name(sent)
    if any(unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS for char in sent):
        raise FileRefused(
            _(
                "The name of “%(name)s” contains control characters (such as line breaks); "
                "rename the file and choose it again."
            ),
            code="name_characters",
            params={"name": name},
        )
    if len(sent) > MAX_NAME_LENGTH:
        raise FileRefused(
            _(
                "The file name is longer than %(limit)s characters; rename the file with a "
                "shorter name and choose it again."
            ),
            code="name_length",
            params={"limit": MAX_NAME_LENGTH},
        )
    return name


def check_document_file(upload):
    """Refuse anything but a real PDF or Office Open XML file within the limits.

    Returns its detected type, size and SHA-256; raises FileRefused with a message the
    uploader can act on.
    """
    name = _check_name(upload)
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED:
        raise FileRefused(
            _("“%(name)s” is not an accepted document type. Accepted: %(types)s."),
            code="extension",
            params={"name": name, "types": allowed_extensions_text()},
        )
    limit = settings.CONTRIBUTION_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise FileRefused(
            _("The file is %(size)s; files up to %(limit)s are accepted."),
            code="size",
            params={"size": size_text(upload.size, round_up=True), "limit": size_text(limit)},
        )
    antivirus.check(upload, name=name)
    content_type, package_folder = ALLOWED[extension]
    upload.seek(0)
    if content_type == PDF:
        pdf.check(upload, name=name, extension=extension)
    else:
        ooxml.check(upload, name=name, extension=extension, package_folder=package_folder)
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(content_type=content_type, size=upload.size, sha256=digest.hexdigest())
