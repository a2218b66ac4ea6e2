"""The words of a document file, for the search index: read from the file's own parts.

Office Open XML keeps its text in XML parts (paragraph runs of Word, shared strings and
inline strings of Excel, text runs of PowerPoint): read with defusedxml, part by part,
none beyond a limit. A PDF's text comes from pypdf, page by page. Only files that
`contributions.files.check_document_file` accepted get here; one that still cannot be read
gives no text (and is logged), never an error for whoever published it.
"""

import logging
import re
import zipfile

from defusedxml import ElementTree
from pypdf import PdfReader

from contributions.files import DOCX, PDF, PPTX, XLSX

logger = logging.getLogger(__name__)

# What the index keeps of one file: PostgreSQL refuses a tsvector of a megabyte or more.
MAX_CHARACTERS = 200_000
_MAX_PART_BYTES = 20 * 2**20
_MAX_PDF_PAGES = 500

# The parts holding a package's text, and the elements of the text inside them.
_PARTS = {
    DOCX: re.compile(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml"),
    XLSX: re.compile(r"xl/(sharedStrings|worksheets/sheet\d+)\.xml"),
    PPTX: re.compile(r"ppt/(slides/slide\d+|notesSlides/notesSlide\d+)\.xml"),
}
_TEXT_ELEMENTS = {"t"}  # w:t, a:t and the t of Excel's strings: one local name
_BREAK_ELEMENTS = {"p", "si", "c", "br", "tab"}


def extract_text(file, content_type):
    """The text of `file` (an open binary file), at most MAX_CHARACTERS; "" if unreadable."""
    try:
        if content_type == PDF:
            text = _pdf_text(file)
        elif content_type in _PARTS:
            text = _package_text(file, _PARTS[content_type])
        else:
            return ""
    except Exception:  # A file the checks let through may still defeat a reader.
        logger.warning("No text read from a %s file", content_type, exc_info=True)
        return ""
    return " ".join(text.split())[:MAX_CHARACTERS]


def _pdf_text(file):
    reader = PdfReader(file)
    pages = []
    length = 0
    for page in reader.pages[:_MAX_PDF_PAGES]:
        pages.append(page.extract_text() or "")
        length += len(pages[-1])
        if length > MAX_CHARACTERS:
            break
    return "\n".join(pages)


def _package_text(file, parts):
    words = []
    length = 0
    with zipfile.ZipFile(file) as package:
        names = sorted(
            (info for info in package.infolist() if parts.fullmatch(info.filename)),
            key=lambda info: _natural(info.filename),
        )
        for info in names:
            if info.file_size > _MAX_PART_BYTES:
                continue
            with package.open(info) as part:
                for text in _part_text(part):
                    words.append(text)
                    length += len(text)
            if length > MAX_CHARACTERS:
                break
    return "".join(words)


def _part_text(part):
    for _event, element in ElementTree.iterparse(part, events=("end",)):
        name = element.tag.rpartition("}")[2]
        if name in _TEXT_ELEMENTS and element.text:
            yield element.text
        elif name in _BREAK_ELEMENTS:
            yield " "
        element.clear()


def _natural(name):
    """slide2 before slide10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]
