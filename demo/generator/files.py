"""The files of a generated register: Office templates rendered per document, fast."""

import io
import os
import struct
import textwrap
import zipfile
import zlib
from xml.sax.saxutils import escape

import openpyxl
from lxml import etree

from contributions.files import DOCX, PDF, XLSX
from egitrs.sample_documents import docx_bytes, pdf_bytes


def _deflate(data):
    # A 4 KB window: a part of a few KB compresses as well, and five times faster than
    # with zlib's default 32 KB window, whose setting-up is most of the time.
    compressor = zlib.compressobj(6, zlib.DEFLATED, -12, 5)
    return compressor.compress(data) + compressor.flush()


class ZipTemplate:
    """An Office package whose parts are all fixed but one, rendered per file.

    The fixed parts are compressed once; each file is those bytes, its own part deflated,
    and the zip directory written around them.
    """

    def __init__(self, package, variable):
        archive = zipfile.ZipFile(io.BytesIO(package))
        self.variable = variable.encode()
        self.template = archive.read(variable).decode()
        fixed, central = io.BytesIO(), io.BytesIO()
        for info in archive.infolist():
            if info.filename == variable:
                continue
            name = info.filename.encode()
            data = zlib.compress(archive.read(info), 6)[2:-4]
            crc = zlib.crc32(archive.read(info))
            central.write(self._central(name, crc, len(data), info.file_size, fixed.tell()))
            fixed.write(self._local(name, crc, len(data), info.file_size) + data)
        self.count = len(archive.infolist())
        self.fixed = fixed.getvalue()
        self.central = central.getvalue()

    @staticmethod
    def _local(name, crc, compressed, size):
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 33, crc, compressed, size, len(name), 0
        )
        return header + name

    @staticmethod
    def _central(name, crc, compressed, size, offset):
        header = struct.pack(
            "<IHHHHHHIIIHHHHHII",
            *(0x02014B50, 20, 20, 0, 8, 0, 33, crc, compressed, size, len(name)),
            *(0, 0, 0, 0, 0, offset),
        )
        return header + name

    def render(self, part):
        """The package with `part` (bytes) as its variable part."""
        data = _deflate(part)
        crc = zlib.crc32(part)
        offset = len(self.fixed)
        local = self._local(self.variable, crc, len(data), len(part))
        central = self.central + self._central(self.variable, crc, len(data), len(part), offset)
        end = struct.pack(
            "<IHHHHIIH",
            *(0x06054B50, 0, 0, self.count, self.count),
            *(len(central), offset + len(local) + len(data), 0),
        )
        return b"".join((self.fixed, local, data, central, end))


# The parts of python-docx's default package a document of text needs; the rest
# (alternative styles, a thumbnail, custom XML) would make each file 36 KB instead of 5.
_DOCX_PARTS = {
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/theme/theme1.xml",
}
_DOCX_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Heading1"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TITLE, _BODY = "@@TITLE@@", "@@BODY@@"


def _docx_package():
    """python-docx's document with a title and a body placeholder, reduced to its text."""
    archive = zipfile.ZipFile(io.BytesIO(docx_bytes(_TITLE, [_BODY])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in archive.infolist():
            if info.filename not in _DOCX_PARTS:
                continue
            data = archive.read(info)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                data = _drop_references(data, info.filename)
            elif info.filename == "word/styles.xml":
                data = _reduce_styles(data)
            package.writestr(info.filename, data)
    return out.getvalue()


def _drop_references(data, name):
    """The relationships or content types of `name` without the parts left out."""
    root = etree.fromstring(data)
    folder = "" if name.startswith("_rels/") else "word/"
    for element in list(root):
        target = element.get("Target") or (element.get("PartName") or "").lstrip("/")
        if not target or element.get("TargetMode") == "External":
            continue
        if element.get("Target") is not None:
            target = os.path.normpath(folder + target).replace("\\", "/")
        if target not in _DOCX_PARTS:
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _reduce_styles(data):
    root = etree.fromstring(data)
    for element in list(root):
        if element.tag == f"{_W}latentStyles" or (
            element.tag == f"{_W}style" and element.get(f"{_W}styleId") not in _DOCX_STYLES
        ):
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _xlsx_package():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Document"
    sheet["A1"] = _TITLE
    sheet["A2"] = _BODY
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class FileMaker:
    """Real DOCX, XLSX and PDF files holding a title and paragraphs, made fast."""

    def __init__(self):
        self.docx = ZipTemplate(_docx_package(), "word/document.xml")
        head, tail = self.docx.template.split(_TITLE)
        self.docx_head = head
        self.docx_middle, self.docx_tail = tail.split(f"<w:p><w:r><w:t>{_BODY}</w:t></w:r></w:p>")
        self.xlsx = ZipTemplate(_xlsx_package(), "xl/worksheets/sheet1.xml")

    def make(self, extension, title, paragraphs):
        if extension == ".docx":
            body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
            part = self.docx_head + escape(title) + self.docx_middle + body + self.docx_tail
            return self.docx.render(part.encode())
        if extension == ".xlsx":
            part = self.xlsx.template.replace(_TITLE, escape(title))
            part = part.replace(_BODY, escape(" ".join(paragraphs)))
            return self.xlsx.render(part.encode())
        lines = [line for p in paragraphs for line in textwrap.wrap(p, 90)]
        return pdf_bytes(title, lines)


FILE_TYPES = {".docx": DOCX, ".xlsx": XLSX, ".pdf": PDF}


# Rows ---------------------------------------------------------------------------------
