"""The three formats of a report, from one `ReportDocument` (see `proceedings.reports`).

`render_html` gives the fragment a page includes, `render_docx` a Word document laid out
like a Council document, `render_pdf` a PDF of the same HTML with the print stylesheet.
Each renders in the report's language, whatever the language of the request, and marks a
draft as such on every page: a parent body takes no unapproved text for an approved one.
"""

import datetime
import io
import re

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

from proceedings.reports import django_language

PRINT_STYLESHEET = "css/report-print.css"
# The hanging indent of a numbered paragraph: its number, a tab, then the text; a bullet
# hangs its mark under the text of the paragraph it belongs to.
HANGING_INDENT = Cm(1.27)
BULLET_INDENT = Cm(1.9)
BULLET_HANG = Emu(BULLET_INDENT - HANGING_INDENT)
DOCX_FONT = "Calibri"
DRAFT_COLOUR = RGBColor(0xB0, 0x00, 0x20)
DRAFT_CSS_COLOUR = f"#{DRAFT_COLOUR}"
# An approved report is archived by the parent body: PDF/A-2a, the archival PDF that keeps
# the tags for assistive technology. WeasyPrint cannot claim PDF/A and PDF/UA in one file,
# so a draft, which nobody archives, is PDF/UA-1 (tagged as well).
PDF_VARIANTS = {False: "pdf/a-2a", True: "pdf/ua-1"}
# The language (with its region, which Word's proofing tools need) of each ITU language.
WORD_LANGUAGES = {
    "ar": "ar-SA",
    "zh": "zh-CN",
    "en": "en-GB",
    "fr": "fr-FR",
    "ru": "ru-RU",
    "es": "es-ES",
}
PAGE_FIELDS = {"page": "PAGE", "pages": "NUMPAGES"}


def render_html(document):
    """The report as an HTML fragment (an <article>), for a page to include."""
    with translation.override(django_language(document.language)):
        return render_to_string("proceedings/report/document.html", {"document": document})


def render_pdf(document):
    """The report as PDF bytes: the HTML fragment in a page, with the print stylesheet.

    Nothing is fetched: the stylesheet is inlined, the fonts are the system's, and every
    other URL is refused, so a report never reaches out to the network (nor reads a file
    it names).
    """
    # Imported here: WeasyPrint needs the system's Pango, which only PDF output requires.
    import weasyprint

    with translation.override(django_language(document.language)):
        html = render_to_string(
            "proceedings/report/standalone.html",
            {
                "document": document,
                "stylesheet": _print_stylesheet(),
                "page_style": page_style(document),
                "created": created_at(document).isoformat(),
            },
        )
    return weasyprint.HTML(string=html, url_fetcher=refusing_url_fetcher()).write_pdf(
        pdf_variant=PDF_VARIANTS[document.draft]
    )


def render_docx(document):
    """The report as DOCX bytes, laid out like a Council document in Word's own styles."""
    with translation.override(django_language(document.language)):
        docx = _DocxWriter(document)
        docx.write()
        return docx.save()


def created_at(document):
    """When the report was made, for the files' properties: midnight UTC of its date, or
    now for an undated draft."""
    if document.date is None:
        return timezone.now().replace(microsecond=0)
    return datetime.datetime.combine(document.date, datetime.time(), tzinfo=datetime.UTC)


def draft_mark():
    return _("DRAFT – not approved")


def running_header(document):
    """What the top of each page after the first says: the document's number (or, for a
    report without one, its title) and its date."""
    header = document.header
    parts = [header.document_number or document.title, header.date]
    return " – ".join(part for part in parts if part)


def page_of_pages():
    """'Page %(page)s of %(pages)s' in the report's language, split around its two
    numbers: text, 'page', text, 'pages', text (a translation may order them otherwise)."""
    return re.split(r"%\((pages?)\)s", _("Page %(page)s of %(pages)s"))


def css_string(text):
    """`text` as a CSS string; what could end the string or the <style> is escaped."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def page_style(document):
    """The margin boxes of the PDF's pages, in the report's language: the draft mark on
    every page, the running header from the second page on, 'Page X of Y' at the foot."""
    parts = page_of_pages()
    numbers = " ".join(
        f"counter({part})" if index % 2 else css_string(part)
        for index, part in enumerate(parts)
        if part
    )
    running = css_string(running_header(document))
    first, colour = "none", ""
    if document.draft:
        first = css_string(draft_mark())
        running = f'{first} "\\A " {running}'
        colour = f"color: {DRAFT_CSS_COLOUR};"
    return (
        f"@page {{ @top-center {{ content: {running}; {colour} }} "
        f"@bottom-center {{ content: {numbers}; }} }}\n"
        f"@page :first {{ @top-center {{ content: {first}; }} }}\n"
    )


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


def _set(parent, tag, **attributes):
    """The element `tag` of `parent`, added where the schema puts it if missing (Word
    refuses elements out of order), with `attributes` set: for the few properties
    python-docx has no setter for."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.insert_element_before(element, *FOLLOWING[(parent.tag, qn(tag))])
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _field(paragraph, instruction):
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in as they lay out."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


class _DocxWriter:
    """One report as a Word document: python-docx's default template, restyled.

    Every paragraph has a named style (Title, Heading 1, Numbered Paragraph, List Bullet)
    so that the parent body's secretariat can reformat, renumber and navigate it in Word.
    """

    def __init__(self, document):
        self.document = document
        self.docx = Document()
        self.rtl = document.direction == "rtl"

    def save(self):
        buffer = io.BytesIO()
        self.docx.save(buffer)
        return buffer.getvalue()

    def write(self):
        self.drop_template_parts()
        self.properties()
        self.styles()
        self.page()
        self.header_table()
        if self.document.draft:
            self.docx.add_paragraph(draft_mark(), style="Draft Mark")
        if self.document.header.author:
            self.docx.add_paragraph(self.document.by_line, style="Source")
        self.docx.add_paragraph(self.document.title, style="Title")
        self.summary()
        for section in self.document.sections:
            self.docx.add_paragraph(f"{section.number}\t{section.title}", style="Heading 1")
            for paragraph in section.paragraphs:
                text = f"{paragraph.number}\t{paragraph.text}"
                self.docx.add_paragraph(text, style="Numbered Paragraph")
                for bullet in paragraph.bullets:
                    self.docx.add_paragraph(bullet, style="List Bullet")
        for annex in self.document.annexes:
            self.annex(annex)

    def drop_template_parts(self):
        """What python-docx's template carries and no report should: a thumbnail of a
        blank page, application properties of Word 2010 for Mac, an empty bibliography."""
        package = self.docx.part.package
        for rels, reltype in [
            (package.rels, RT.THUMBNAIL),
            (package.rels, RT.EXTENDED_PROPERTIES),
            (self.docx.part.rels, RT.CUSTOM_XML),
        ]:
            for rId in [rId for rId, rel in rels.items() if rel.reltype == reltype]:
                del rels[rId]

    def properties(self):
        """File > Properties: each of the template's values replaced by the report's."""
        document = self.document
        properties = self.docx.core_properties
        properties.title = document.title
        properties.subject = document.by_line if document.header.author else ""
        properties.author = properties.last_modified_by = document.header.author
        properties.identifier = document.header.document_number
        properties.language = WORD_LANGUAGES[document.language]
        properties.content_status = _("Draft") if document.draft else ""
        properties.keywords = properties.comments = properties.category = ""
        properties.version = ""
        properties.revision = 1
        properties.created = properties.modified = created_at(document)

    def styles(self):
        self.defaults()
        self.restyle("Normal", size=12, bold=False, before=0, after=6)
        if self.rtl:
            _set(self.docx.styles["Normal"].element.get_or_add_pPr(), "w:bidi")
        self.restyle("Title", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=12)
        title = self.docx.styles["Title"].element.pPr
        title.remove(title.find(qn("w:pBdr")))
        heading = self.restyle("Heading 1", size=12, before=12, after=6)
        heading.paragraph_format.tab_stops.add_tab_stop(HANGING_INDENT)
        self.restyle("Heading 2", size=12, align=WD_ALIGN_PARAGRAPH.CENTER, before=0, after=12)
        self.add_style("Source", align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
        draft = self.add_style(
            "Draft Mark", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=6
        )
        draft.font.color.rgb = DRAFT_COLOUR
        numbered = self.add_style("Numbered Paragraph", bold=False)
        numbered.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        self.hang(numbered.paragraph_format, HANGING_INDENT, HANGING_INDENT)
        self.bullets()

    def defaults(self):
        """The template's defaults made the report's: named fonts, its languages."""
        styles = self.docx.styles.element
        # Theme fonts would override the named font: the template's theme is not ours.
        for fonts in styles.iter(qn("w:rFonts")):
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)
        language = styles.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
        # Latin and Cyrillic text in the report's language; Chinese and Arabic text (East
        # Asian and complex scripts to Word) in theirs, whatever the report's language.
        latin = self.document.language not in ("ar", "zh")
        language.set(qn("w:val"), WORD_LANGUAGES[self.document.language] if latin else "en-GB")
        language.set(qn("w:eastAsia"), WORD_LANGUAGES["zh"])
        language.set(qn("w:bidi"), WORD_LANGUAGES["ar"])

    def restyle(self, name, *, size, align=None, before=None, after=None, bold=True):
        style = self.docx.styles[name]
        style.font.name = DOCX_FONT
        style.font.size = Pt(size)
        style.font.bold = style.font.cs_bold = bold
        # Arabic is a complex script: Word sizes it by its own property.
        _set(style.element.get_or_add_rPr(), "w:szCs", val=str(size * 2))
        style.font.color.rgb = None
        layout = style.paragraph_format
        if align is not None:
            layout.alignment = align
        if before is not None:
            layout.space_before = Pt(before)
        if after is not None:
            layout.space_after = Pt(after)
        return style

    def add_style(self, name, *, size=12, bold=True, **layout):
        style = self.docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.docx.styles["Normal"]
        style.next_paragraph_style = self.docx.styles["Normal"]
        style.quick_style = True
        return self.restyle(name, size=size, bold=bold, **layout)

    @staticmethod
    def hang(layout, left, tab):
        layout.left_indent = left
        layout.first_line_indent = -tab
        layout.tab_stops.add_tab_stop(left)

    def bullets(self):
        """List Bullet: Word's own bulleted list, hung under the text of the numbered
        paragraph (the style and the numbering level say the same indent)."""
        bullet = self.docx.styles["List Bullet"]
        self.hang(bullet.paragraph_format, BULLET_INDENT, BULLET_HANG)
        numbering = self.docx.part.numbering_part.element
        for level in numbering.xpath('.//w:lvl[w:pStyle/@w:val="ListBullet"]'):
            layout = level.find(qn("w:pPr"))
            layout.find(f"{qn('w:tabs')}/{qn('w:tab')}").set(qn("w:pos"), str(BULLET_INDENT.twips))
            indent = layout.find(qn("w:ind"))
            indent.set(qn("w:left"), str(BULLET_INDENT.twips))
            indent.set(qn("w:hanging"), str(BULLET_HANG.twips))

    def page(self):
        """A4, the Council's margins; from the second page on, a header with the
        document's number and date; on every page, the draft mark and 'Page X of Y'."""
        page = self.docx.sections[0]
        page.page_width, page.page_height = Cm(21), Cm(29.7)
        page.left_margin = page.right_margin = Cm(2)
        page.top_margin, page.bottom_margin = Cm(2.5), Cm(2)
        page.header_distance = page.footer_distance = Cm(1)
        page.different_first_page_header_footer = True
        if self.rtl:
            _set(page._sectPr, "w:bidi")
        self.page_header(page.first_page_header)
        self.page_header(page.header, running_header(self.document))
        for footer in (page.first_page_footer, page.footer):
            self.page_numbers(footer.paragraphs[0])

    def page_header(self, header, running=""):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if self.document.draft:
            mark = paragraph.add_run(draft_mark())
            mark.bold = True
            mark.font.color.rgb = DRAFT_COLOUR
            if running:
                mark.add_break()
        if running:
            paragraph.add_run(running)

    def page_numbers(self, paragraph):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for index, part in enumerate(page_of_pages()):
            if index % 2:
                _field(paragraph, PAGE_FIELDS[part])
            elif part:
                paragraph.add_run(part)

    def table(self, rows, cols, style):
        table = self.docx.add_table(rows=rows, cols=cols)
        table.style = style
        if self.rtl:
            table._tbl.tblPr.get_or_add_bidiVisual()
        return table

    def header_table(self):
        """The top of a Council document: where it goes (left), what it is (right)."""
        header = self.document.header
        table = self.table(1, 2, "Normal Table")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        where, what = table.rows[0].cells
        for cell, lines, alignment in [
            (where, header.left(), WD_ALIGN_PARAGRAPH.LEFT),
            (what, header.right(), WD_ALIGN_PARAGRAPH.RIGHT),
        ]:
            for index, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                paragraph.alignment = alignment
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.add_run(line.text).bold = line.strong

    def summary(self):
        if not self.document.header_block:
            return
        cell = self.table(1, 1, "Table Grid").rows[0].cells[0]
        for index, row in enumerate(self.document.header_block):
            label = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            label.add_run(row.label).bold = True
            cell.add_paragraph(row.value)

    def annex(self, annex):
        """An annex starts a page: its label a heading of the document's outline, its
        title one level below (Word's navigation shows 'Annex 2', then its title)."""
        label = self.docx.add_paragraph(annex.label, style="Heading 1")
        label.alignment = WD_ALIGN_PARAGRAPH.CENTER
        label.paragraph_format.page_break_before = True
        self.docx.add_paragraph(annex.title, style="Heading 2")
        for text in annex.paragraphs:
            self.docx.add_paragraph(text)
        if annex.table:
            columns = annex.table.columns
            table = self.table(1, len(columns), "Table Grid")
            # The header row repeats on each page the table runs onto.
            table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            for cell, column in zip(table.rows[0].cells, columns, strict=True):
                cell.paragraphs[0].add_run(column).bold = True
            for row in annex.table.rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = value


# The elements the schema puts after each one `_set` adds: w:bidi of a paragraph's
# properties, w:szCs of a run's, w:bidi of a section's.
FOLLOWING = {
    (qn("w:pPr"), qn("w:bidi")): (
        *("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing"),
        *("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
        *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr"),
        "w:pPrChange",
    ),
    (qn("w:rPr"), qn("w:szCs")): (
        *("w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign"),
        *("w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    ),
    (qn("w:sectPr"), qn("w:bidi")): ("w:rtlGutter", "w:docGrid", "w:printerSettings"),
}

__all__ = ["render_docx", "render_html", "render_pdf"]
