"""PDF files: read with pypdf, every object, those packed in compressed object streams too.

A PDF may run JavaScript, launch programs and carry other files; a document for a
meeting needs none of these. Names are compared as pypdf decodes them, so that
`/J#61vaScript` is `/JavaScript`.
"""

import zipfile

from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from contributions.files.refusals import (
    SNIFFED_BYTES,
    FileRefused,
    also_a_web_page,
    content_mismatch,
    damaged,
    looks_like_html,
)

# A reader looks for the end-of-file marker in the last kilobyte.
_TAIL_BYTES = 1024
_JAVASCRIPT = {"/JS", "/JavaScript"}
_EMBEDDED = {"/EmbeddedFiles", "/EmbeddedFile", "/FileAttachment", "/RichMedia", "/GoToE"}


def check(upload, *, name, extension):
    upload.seek(0)
    head = upload.read(SNIFFED_BYTES)
    if not head.startswith(b"%PDF-"):
        raise also_a_web_page(name) if looks_like_html(head) else content_mismatch(name, extension)
    if looks_like_html(head):
        raise also_a_web_page(name)
    if _is_a_zip(upload):
        raise FileRefused(
            _("“%(name)s” is also a ZIP archive; it was refused."),
            code="polyglot_zip",
            params={"name": name},
        )
    upload.seek(max(upload.size - _TAIL_BYTES, 0))
    if b"%%EOF" not in upload.read(_TAIL_BYTES):
        raise damaged(name)
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _protected(name)
        objects = list(_objects(reader))
        has_pages = len(reader.pages) > 0
    except FileRefused:
        raise
    # pypdf fails on a damaged or hostile file in ways no list can name (recursion,
    # missing keys, unsupported encryption...): whatever it is, the file cannot be read.
    except Exception:
        raise damaged(name) from None
    if not has_pages:
        raise damaged(name)
    _check_objects(objects, name)


def _is_a_zip(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload):
            return True
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return False


def _protected(name):
    return FileRefused(
        _(
            "“%(name)s” is protected with a password, so what it contains cannot be checked; "
            "save it without protection and upload it again."
        ),
        code="pdf_protected",
        params={"name": name},
    )


def _objects(reader):
    """Every indirect object of the file, each once."""
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield reader.get_object(IndirectObject(number, generation, reader))
    for number in reader.xref_objStm:
        yield reader.get_object(IndirectObject(number, 0, reader))
    yield reader.trailer


def _dictionaries(objects):
    """The dictionaries in the objects, nested ones included (not following references,
    which lead to objects that are visited anyway)."""
    pending = list(objects)
    while pending:
        item = pending.pop()
        if isinstance(item, DictionaryObject):
            yield item
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)


def _check_objects(objects, name):
    for dictionary in _dictionaries(objects):
        keys = set(dictionary.keys())
        values = {value for value in dictionary.values() if isinstance(value, NameObject)}
        if keys & _JAVASCRIPT or values & _JAVASCRIPT:
            raise FileRefused(
                _(
                    "“%(name)s” contains JavaScript; save it as a PDF without scripts (for "
                    "example by printing it to PDF) and upload it again."
                ),
                code="pdf_javascript",
                params={"name": name},
            )
        if "/Launch" in keys or "/Launch" in values:
            raise FileRefused(
                _("“%(name)s” contains an action that starts a program; it was refused."),
                code="pdf_launch",
                params={"name": name},
            )
        if keys & _EMBEDDED or values & _EMBEDDED:
            raise FileRefused(
                _(
                    "“%(name)s” has files attached inside it; remove the attachments, save "
                    "it and upload it again."
                ),
                code="pdf_embedded_files",
                params={"name": name},
            )
