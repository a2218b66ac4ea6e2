"""The three formats of a report, from one `ReportDocument` (see `proceedings.reports`).

`render_html` gives the fragment a page includes, `render_docx` a Word document laid out
like a Council document, `render_pdf` a PDF of the same HTML with the print stylesheet.
Each renders in the report's language, whatever the language of the request.
"""

import io

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from proceedings.reports import django_language

PRINT_STYLESHEET = "css/report-print.css"
# The hanging indent of a numbered paragraph: its number, a tab, then the text.
HANGING_INDENT = Cm(1.27)
BULLET_INDENT = Cm(1.9)
DOCX_FONT = "Calibri"


def render_html(document):
    """The report as an HTML fragment (an <article>), for a page to include."""
    with translation.override(django_language(document.language)):
        return render_to_string("proceedings/report/document.html", {"document": document})


def render_pdf(document):
    """The report as PDF bytes: the HTML fragment in a page, with the print stylesheet.

    Nothing is fetched: the stylesheet is inlined and every other URL is refused, so a
    report never reaches out to the network (nor reads a file it names).
    """
    # Imported here: WeasyPrint needs the system's Pango, which only PDF output requires.
    import weasyprint

    with translation.override(django_language(document.language)):
        html = render_to_string(
            "proceedings/report/standalone.html",
            {"document": document, "stylesheet": _print_stylesheet()},
        )
    return weasyprint.HTML(string=html, url_fetcher=refusing_url_fetcher()).write_pdf()


def render_docx(document):
    """The report as DOCX bytes, laid out like a Council document."""
    with translation.override(django_language(document.language)):
        docx = _DocxWriter(document)
        docx.write()
        return docx.save()


def _print_stylesheet():
    path = finders.find(PRINT_STYLESHEET)
    with open(path, encoding="utf-8") as stylesheet:
        return stylesheet.read()


def refusing_url_fetcher():
    """A WeasyPrint URL fetcher that fetches nothing (every URL is an error it skips)."""

    def refuse(url, *args, **kwargs):
        raise ValueError(f"A report fetches nothing: {url}")

    import weasyprint

    # WeasyPrint 66+ takes a fetcher object; older versions a function.
    base = getattr(weasyprint.urls, "URLFetcher", None)
    if base is None:
        return refuse
    return type("RefusingFetcher", (base,), {"fetch": lambda self, url, *a, **k: refuse(url)})()


class _DocxWriter:
    def __init__(self, document):
        self.document = document
        self.docx = Document()
        self.rtl = document.direction == "rtl"

    def save(self):
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()

    def write(self):
        self.set_up()
        self.header_table()
        self.title()
        self.summary()
        for section in self.document.sections:
            self.heading(f"{section.number}\t{section.title}")
            for paragraph in section.paragraphs:
                self.numbered(paragraph.number, paragraph.text)
                for bullet in paragraph.bullets:
                    self.bullet(bullet)
        for annex in self.document.annexes:
            self.annex(annex)

    def set_up(self):
        properties = self.docx.core_properties
        properties.title = self.document.title
        properties.author = self.document.header.author
        properties.language = self.document.language
        normal = self.docx.styles["Normal"]
        normal.font.name = DOCX_FONT
        normal.font.size = Pt(12)
        normal.paragraph_format.space_after = Pt(6)
        for name in ("Heading 1", "Heading 2", "Title"):
            style = self.docx.styles[name]
            style.font.name = DOCX_FONT
            style.font.color.rgb = None
        page = self.docx.sections[0]
        page.page_width, page.page_height = Cm(21), Cm(29.7)
        page.left_margin = page.right_margin = Cm(2)
        page.top_margin = page.bottom_margin = Cm(2)
        self.page_number_footer(page)

    def page_number_footer(self, page):
        paragraph = page.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    def paragraph(self, text="", *, bold=False, style=None):
        paragraph = self.docx.add_paragraph(style=style)
        if text:
            paragraph.add_run(text).bold = bold
        if self.rtl:
            paragraph.paragraph_format.element.get_or_add_pPr().append(OxmlElement("w:bidi"))
        return paragraph

    def header_table(self):
        header = self.document.header
        table = self.docx.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        where, what = table.rows[0].cells
        for cell, lines, alignment in [
            (where, header.left(), WD_ALIGN_PARAGRAPH.LEFT),
            (what, header.right(), WD_ALIGN_PARAGRAPH.RIGHT),
        ]:
            for index, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                paragraph.alignment = alignment
                paragraph.add_run(line.text).bold = line.strong

    def title(self):
        if self.document.header.author:
            self.paragraph(self.document.by_line).alignment = WD_ALIGN_PARAGRAPH.CENTER
        title = self.paragraph(self.document.title, bold=True)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.runs[0].font.size = Pt(14)

    def summary(self):
        if not self.document.header_block:
            return
        box = self.docx.add_table(rows=1, cols=1)
        box.style = "Table Grid"
        cell = box.rows[0].cells[0]
        first = True
        for row in self.document.header_block:
            label = cell.paragraphs[0] if first else cell.add_paragraph()
            label.add_run(row.label).bold = True
            cell.add_paragraph(row.value)
            first = False
        self.paragraph()

    def heading(self, text):
        heading = self.docx.add_heading(text, level=1)
        heading.paragraph_format.tab_stops.add_tab_stop(HANGING_INDENT)
        return heading

    def numbered(self, number, text):
        paragraph = self.paragraph(f"{number}\t{text}")
        layout = paragraph.paragraph_format
        layout.left_indent = HANGING_INDENT
        layout.first_line_indent = -HANGING_INDENT
        layout.tab_stops.add_tab_stop(HANGING_INDENT)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def bullet(self, text):
        paragraph = self.paragraph(f"·\t{text}")
        layout = paragraph.paragraph_format
        layout.left_indent = BULLET_INDENT
        layout.first_line_indent = -(BULLET_INDENT - HANGING_INDENT)
        layout.tab_stops.add_tab_stop(BULLET_INDENT)

    def annex(self, annex):
        self.docx.add_page_break()
        label = self.docx.add_heading(annex.label, level=1)
        label.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title = self.docx.add_heading(annex.title, level=2)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text in annex.paragraphs:
            self.paragraph(text)
        if annex.table:
            table = self.docx.add_table(rows=1, cols=len(annex.table.columns))
            table.style = "Table Grid"
            for cell, column in zip(table.rows[0].cells, annex.table.columns, strict=True):
                cell.paragraphs[0].add_run(column).bold = True
            for row in annex.table.rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = value


__all__ = ["render_docx", "render_html", "render_pdf"]
