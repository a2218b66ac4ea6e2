"""The text of a document's file, for a report that holds it as an annex."""

import logging

from docx import Document as DocxDocument
from pypdf import PdfReader

from contributions.files import DOCX, PDF
from proceedings.reports.wording import fold, paragraph_blocks

logger = logging.getLogger(__name__)


def document_paragraphs(document, language):
    """The paragraphs of `document`'s current file in `language` (else its original
    language), or [] when there is none or it cannot be read as text."""
    latest = {}  # The latest upload of each language is the current file.
    for file in sorted(document.files.all(), key=lambda file: file.pk):
        latest[file.language] = file
    file = latest.get(language) or latest.get(document.original_language)
    if file is None:
        return []
    try:
        with file.file.open("rb") as stream:
            if file.content_type == DOCX:
                paragraphs = [p.text for p in DocxDocument(stream).paragraphs]
            elif file.content_type == PDF:
                text = "\n".join(page.extract_text() or "" for page in PdfReader(stream).pages)
                paragraphs = paragraph_blocks(text)
            else:
                return []
    except Exception:  # A file that will not read is referred to, not quoted.
        logger.warning("Cannot read %s as text for a report annex", file, exc_info=True)
        return []
    return [fold(paragraph) for paragraph in paragraphs if paragraph.strip()]
