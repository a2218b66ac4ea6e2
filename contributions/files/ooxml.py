"""Office Open XML packages (DOCX, XLSX, PPTX): ZIP archives of XML parts, read for real.

Nothing the archive says about itself is trusted: every entry is inflated from its own
compressed data, counting what comes out against one cap for the whole package (a bomb
stops at the cap, however small its headers say it is), and checked against its
checksum and declared size. Every XML part is parsed with defusedxml, which refuses
DTDs and entities. What makes a part active is read from the package's content types
and relationships, never from a part's name.
"""

import posixpath
import re
import struct
import unicodedata
import zipfile
import zlib

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError, fromstring
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from contributions.files.refusals import (
    SNIFFED_BYTES,
    FileRefused,
    also_a_web_page,
    content_mismatch,
    damaged,
    looks_like_html,
)

CONTENT_TYPES = "[content_types].xml"
# signature, version, flags, method, time, date, CRC-32, sizes, name and extra lengths
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_READ = 2**16
_INFLATED = 2**20
# Parts read whole into memory (content types, relationships): small in any real file.
_MAX_METADATA_BYTES = 10 * 2**20

# What a part starts with when it is another archive, compound file or PDF inside the
# package: a nested bomb, an embedded object or a file smuggled in.
_NESTED_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"PK\x07\x08",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"%PDF-",
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
)
# Content types and relationship types, compared lowercased, by what they carry.
_MACRO_WORDS = ("vba", "macro")
_EMBEDDED_CONTENT_WORDS = ("activex", "oleobject")
_EMBEDDED_RELATIONSHIPS = {"oleobject", "control", "activexcontrol", "activexcontrolbinary"}
_EMBEDDED_RELATIONSHIPS |= {"package"}
_HTML_CONTENT_TYPES = {"text/html", "application/xhtml+xml", "message/rfc822", "multipart/related"}
_HTML_EXTENSIONS = (".htm", ".html", ".xhtml", ".mht", ".mhtml")
# A hyperlink is followed only when the reader clicks it; every other external target
# (a remote template, picture, frame or linked object) is fetched when the file opens.
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_DRIVE = re.compile(r"^[a-z]:", re.IGNORECASE)


def check(upload, *, name, extension, package_folder):
    upload.seek(0)
    head = upload.read(SNIFFED_BYTES)
    # A package opens even with something before it, which a browser or a PDF reader
    # may read instead: a web page, a PDF.
    is_package = head.startswith(b"PK\x03\x04") or zipfile.is_zipfile(upload)
    if not is_package:
        raise content_mismatch(name, extension)
    if looks_like_html(head):
        raise also_a_web_page(name)
    if b"%PDF-" in head:
        raise FileRefused(
            _("“%(name)s” is also a PDF file; it was refused."),
            code="polyglot_pdf",
            params={"name": name},
        )
    if not head.startswith(b"PK\x03\x04"):
        raise damaged(name)
    try:
        with zipfile.ZipFile(upload) as package:
            entries = package.infolist()
    # A damaged or hostile archive can fail in any of these ways before it is even read.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise damaged(name) from None
    if len(entries) > settings.CONTRIBUTION_MAX_ZIP_ENTRIES:
        raise FileRefused(
            _("“%(name)s” has more parts than a document can hold; it was refused."),
            code="entries",
            params={"name": name},
        )
    _check_entry_names(entries, name)
    by_name = {entry.orig_filename.lower(): entry for entry in entries}
    if CONTENT_TYPES not in by_name or not any(n.startswith(package_folder) for n in by_name):
        raise content_mismatch(name, extension)
    package = _Package(upload, name)
    content_types = package.read_content_types(by_name[CONTENT_TYPES])
    for entry in sorted(entries, key=lambda entry: entry.header_offset):
        if entry is not by_name[CONTENT_TYPES]:
            package.read_part(entry, content_types)
    _check_active_content(package, content_types, name)


def _check_entry_names(entries, name):
    seen = set()
    for entry in entries:
        entry_name = entry.orig_filename
        if (
            not entry_name
            or "\\" in entry_name
            or entry_name.startswith("/")
            or _DRIVE.match(entry_name)
            or ".." in entry_name.split("/")
            or any(unicodedata.category(char) == "Cc" for char in entry_name)
        ):
            raise FileRefused(
                _(
                    "“%(name)s” contains parts with names that point outside the document; "
                    "it was refused."
                ),
                code="unsafe_entry_names",
                params={"name": name},
            )
        # Part names are compared without case (ECMA-376 part 2): two would be one part.
        if entry_name.lower() in seen:
            raise FileRefused(
                _("“%(name)s” contains two parts with the same name; it was refused."),
                code="duplicate_entries",
                params={"name": name},
            )
        seen.add(entry_name.lower())


class _Package:
    """The parts of a package as they unpack, with what they say about themselves."""

    def __init__(self, upload, name):
        self.upload = upload
        self.name = name
        self.budget = settings.CONTRIBUTION_MAX_UNPACKED_BYTES
        self.relationships = []  # (type, target, target mode) of every .rels part
        self.part_names = []
        self.nested = False

    def read_content_types(self, entry):
        types = self._read_whole(entry)
        defaults, overrides = {}, {}
        for element in types.iter():
            tag = _local_name(element.tag)
            content_type = element.get("ContentType", "").strip().lower()
            if tag == "Default":
                defaults[element.get("Extension", "").lower()] = content_type
            elif tag == "Override":
                overrides[element.get("PartName", "").lower()] = content_type
        return _ContentTypes(defaults, overrides)

    def read_part(self, entry, content_types):
        part = entry.orig_filename.lower()
        self.part_names.append(part)
        if part.endswith("/"):
            return
        if part.endswith(".rels"):
            for element in self._read_whole(entry).iter():
                if _local_name(element.tag) == "Relationship":
                    self.relationships.append(
                        (
                            element.get("Type", "").strip().lower(),
                            element.get("Target", "").strip(),
                            element.get("TargetMode", "").strip().lower(),
                        )
                    )
            return
        content_type = content_types.of(part)
        parser = None
        if part.endswith((".xml", ".vml")) or content_type.endswith("xml"):
            parser = DefusedXMLParser(target=_RootElement(), forbid_dtd=True)
        start = b""
        for chunk in self._inflate(entry):
            if len(start) < 8:
                start += chunk[:8]
                if start.startswith(_NESTED_MAGIC):
                    self.nested = True
            if parser is not None:
                parser = self._parse_prolog(parser, chunk)
        if parser is not None:
            # The part ended before its root element did: no document part does.
            raise damaged(self.name)

    def _parse_prolog(self, parser, chunk):
        """Feed the part's XML up to its root element; None once that is reached.

        A DTD, and so any entity, can only be declared before the root element: past it,
        an entity reference is an error to every parser. Parsing the rest of a large part
        in Python would cost seconds and find nothing more that is hostile.
        """
        try:
            self._parse(parser.feed, chunk)
        except _RootElement.Reached:
            return None
        return parser

    def _read_whole(self, entry):
        if entry.file_size > _MAX_METADATA_BYTES:
            raise self._too_big()
        content = bytearray()
        for chunk in self._inflate(entry):
            content += chunk
            if len(content) > _MAX_METADATA_BYTES:
                raise self._too_big()
        return self._parse(fromstring, bytes(content), forbid_dtd=True)

    def _parse(self, parse, *args, **kwargs):
        try:
            return parse(*args, **kwargs)
        except DefusedXmlException:
            raise FileRefused(
                _(
                    "“%(name)s” contains XML declarations (a DTD or entities) that documents "
                    "never use; it was refused."
                ),
                code="xml_entities",
                params={"name": self.name},
            ) from None
        except (ParseError, ValueError):
            raise damaged(self.name) from None

    def _too_big(self):
        return FileRefused(
            _("“%(name)s” unpacks to more than a document can hold; it was refused."),
            code="unpacked_size",
            params={"name": self.name},
        )

    def _inflate(self, entry):
        """The entry's bytes as its data really unpacks, within what is left of the cap."""
        upload = self.upload
        upload.seek(entry.header_offset)
        header = upload.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size:
            raise damaged(self.name)
        signature, _, flags, method, _, _, _, _, _, name_length, extra_length = (
            _LOCAL_HEADER.unpack(header)
        )
        encoding = "utf-8" if entry.flag_bits & 0x800 else "cp437"
        if (
            signature != b"PK\x03\x04"
            # Readers that trust the local header would see another part (or none).
            or upload.read(name_length) != entry.orig_filename.encode(encoding)
            or method != entry.compress_type
            or flags & 0x1  # encrypted
            or method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
        ):
            raise damaged(self.name)
        upload.seek(extra_length, 1)
        size = crc = 0
        for chunk in self._unpack(method, entry):
            size += len(chunk)
            self.budget -= len(chunk)
            if self.budget < 0:
                raise self._too_big()
            crc = zlib.crc32(chunk, crc)
            yield chunk
        if size != entry.file_size or crc != entry.CRC:
            raise damaged(self.name)

    def _unpack(self, method, entry):
        upload = self.upload
        if method == zipfile.ZIP_STORED:
            left = entry.compress_size
            while left > 0:
                chunk = upload.read(min(left, _READ))
                if not chunk:
                    raise damaged(self.name)
                left -= len(chunk)
                yield chunk
            return
        # Deflate data ends itself: read until it does, whatever size the headers declare.
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        while not inflater.eof:
            data = upload.read(_READ)
            if not data:
                raise damaged(self.name)
            while data and not inflater.eof:
                try:
                    chunk = inflater.decompress(data, _INFLATED)
                except zlib.error:
                    raise damaged(self.name) from None
                data = inflater.unconsumed_tail
                if chunk:
                    yield chunk


class _RootElement:
    """A parser target that stops the parser at the root element."""

    class Reached(Exception):
        pass

    def start(self, tag, attributes):
        raise self.Reached


class _ContentTypes:
    def __init__(self, defaults, overrides):
        self.defaults = defaults
        self.overrides = overrides

    def of(self, part):
        extension = posixpath.splitext(part)[1].lstrip(".")
        return self.overrides.get("/" + part, self.defaults.get(extension, ""))

    def all(self):
        return {*self.defaults.values(), *self.overrides.values()}


def _local_name(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _relationship_kind(relationship_type):
    return relationship_type.rstrip("/").rsplit("/", 1)[-1]


def _check_active_content(package, content_types, name):
    declared = content_types.all()
    kinds = {_relationship_kind(kind) for kind, _, _ in package.relationships}
    if (
        any(word in content_type for content_type in declared for word in _MACRO_WORDS)
        or any(word in kind for kind in kinds for word in _MACRO_WORDS)
        or any(posixpath.basename(part) == "vbaproject.bin" for part in package.part_names)
    ):
        raise FileRefused(
            _("“%(name)s” contains macros; save it as a document without macros."),
            code="macros",
            params={"name": name},
        )
    if (
        package.nested
        or any(word in ct for ct in declared for word in _EMBEDDED_CONTENT_WORDS)
        or kinds & _EMBEDDED_RELATIONSHIPS
    ):
        raise FileRefused(
            _(
                "“%(name)s” contains embedded files or objects (another document, an archive, "
                "an OLE object or an ActiveX control); remove them or paste them as pictures, "
                "save the document and upload it again."
            ),
            code="embedded",
            params={"name": name},
        )
    for kind, target, mode in package.relationships:
        kind = _relationship_kind(kind)
        fetched = mode == "external" and not (
            kind == "hyperlink" and target.lower().startswith(_LINK_SCHEMES)
        )
        if fetched or kind == "attachedtemplate":
            raise FileRefused(
                _(
                    "“%(name)s” loads content from outside the file (a remote template, "
                    "picture or linked object); remove the link, save the document and upload "
                    "it again."
                ),
                code="external",
                params={"name": name},
            )
    if declared & _HTML_CONTENT_TYPES or any(
        part.endswith(_HTML_EXTENSIONS) for part in package.part_names
    ):
        raise FileRefused(
            _("“%(name)s” contains web pages inside it; it was refused."),
            code="html_parts",
            params={"name": name},
        )
