"""Writing a Word document with python-docx in the site's ways: Word's own
styles set by id, the document's language, links, numbered lists that each
count from 1, tables with a repeated header row, and Markdown's sanitised
HTML turned into paragraphs and runs (`MarkdownHtml`). What the document
says, part by part, is booklets.documents'.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from core.text import html_lang, localized, render_markdown, render_markdown_lines

from .models import Paper

# Width and height of each paper, as the PDF booklet's @page sizes.
PAPER_SIZES = {Paper.A4: (Mm(210), Mm(297)), Paper.LETTER: (Mm(215.9), Mm(279.4))}
MARGIN = Mm(20)
LINK_COLOUR = RGBColor(0x0B, 0x57, 0xD0)
# What the bilingual template tags say after a text shown in the other language.
FALLBACK_NOTES = {"es": lambda: _("in Spanish"), "en": lambda: _("in English")}


def edition_name(context) -> str:
    if context["confidential"]:
        return _("Internal edition (confidential)")
    return _("Public edition")


class Writer:
    """A Word document being written, with the few operations the parts need."""

    def __init__(self, context: dict[str, Any], *, paper: str):
        self.document = Document()
        self.context = context
        self.language = html_lang(context["language"])
        self._set_up(context, paper)

    def _set_up(self, context, paper):
        document = self.document
        width, height = PAPER_SIZES[paper]
        for section in document.sections:
            section.page_width, section.page_height = width, height
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, MARGIN)
        _set_default_language(document, self.language)
        if "Hyperlink" not in [style.name for style in document.styles]:
            link = document.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
            link.font.color.rgb = LINK_COLOUR
            link.font.underline = True
        self.style_ids = {style.name: style.style_id for style in document.styles}
        properties = document.core_properties
        agenda = context["agenda"]
        properties.title = localized(agenda, "title").text
        properties.subject = str(edition_name(context))
        properties.language = self.language
        # The site is the author: never the person who exported it, nor python-docx.
        properties.author = _("Human Security Agendas")
        properties.last_modified_by = ""
        properties.comments = ""
        properties.keywords = ""
        properties.category = ""
        properties.revision = 1
        now = timezone.now()
        properties.created = properties.modified = now
        # python-docx's template carries a picture of another document as
        # the file's preview: a file manager would show it for this one.
        package = document.part.package
        for key, relation in list(package.rels.items()):
            if relation.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
                package.rels.pop(key)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # Paragraphs

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph()
        if style:
            # Set by its id: python-docx looks a style's name up among all of
            # the template's styles each time, most of a document's making.
            paragraph._p.get_or_add_pPr().style = self.style_ids[style]
        if text:
            paragraph.add_run(text)
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, style=f"Heading {level}")

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # Bilingual fields, as the bilingual template tags show them

    def field(self, paragraph: Paragraph, obj, field: str, *, bold=False) -> None:
        """A text field (a title, a name) in the document's language, or in
        the other one, marked as such."""
        value = localized(obj, field)
        run = paragraph.add_run(value.text)
        run.bold = bold or None
        if value.fallback:
            _set_run_language(run, html_lang(value.language))
            paragraph.add_run(f" ({FALLBACK_NOTES[value.language]()})")

    def markdown(
        self,
        obj,
        field: str,
        *,
        style=None,
        then=None,
        numbering=None,
        lines=False,
        **replacements,
    ) -> None:
        """A Markdown field, as paragraphs and lists: the first paragraph in
        `style` (numbered by `numbering`), the next ones in `then`; with
        `lines`, each line break kept (names typed one a line)."""
        value = localized(obj, field)
        if not value.text:
            return
        if lines:
            html = render_markdown_lines(value.text)
        else:
            html = render_markdown(value.text, **replacements)
        language = html_lang(value.language) if value.fallback else None
        depth = 1 if style and style.startswith("List") else 0
        MarkdownHtml(
            self, style=style, then=then, language=language, numbering=numbering, depth=depth
        ).feed_all(html)
        if value.fallback:
            self.paragraph(f"({FALLBACK_NOTES[value.language]()})", style=then)

    def link(self, paragraph: Paragraph, text: str, url: str) -> Run:
        """A run that opens `url`, in the Hyperlink style."""
        relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), relation)
        run = paragraph.add_run(text)
        run._r.get_or_add_rPr().style = self.style_ids["Hyperlink"]
        hyperlink.append(run._r)
        paragraph._p.append(hyperlink)
        return run

    # Lists

    def restarted_numbering(self, style: str) -> int:
        """A new numbering for a numbered list, so each list counts from 1
        (Word's List Number style otherwise counts on through the document)."""
        numbering = self.document.part.numbering_part.element
        style_numbering = self.document.styles[style].element.pPr.numPr
        abstract = numbering.num_having_numId(style_numbering.numId.val).abstractNumId.val
        num = numbering.add_num(abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return num.numId

    def numbered(self, paragraph: Paragraph, num_id: int) -> None:
        paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id

    # Tables

    def table(self, header: list[str], rows: Iterable[list[str]], *, caption: str):
        """A table in the Table Grid style, its caption above it and its
        header row repeated on every page it runs onto."""
        self.paragraph(caption, style="Caption")
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_as_header(table.rows[0])
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.paragraphs[0].add_run(text)
        return table


def _set_default_language(document, language: str) -> None:
    """The language of every run that does not say otherwise (spelling, hyphenation)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    _set_language(properties, language)


def _set_run_language(run: Run, language: str) -> None:
    _set_language(run._r.get_or_add_rPr(), language)


def _set_language(properties, language: str) -> None:
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def page_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A field Word fills in (PAGE, NUMPAGES)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


# --- Markdown's sanitised HTML as paragraphs -----------------------------------------


class MarkdownHtml(HTMLParser):
    """Turns the small HTML of `core.text.render_markdown` (p, br, strong, em,
    a, lists, blockquote, h3-h6, code, pre) into paragraphs and runs. A
    paragraph is opened when text arrives, so the whitespace between tags
    makes none. The first paragraph takes `style` (a list item's, for a
    proposal), the next ones `then`; lists nest under `depth` levels."""

    LIST_STYLES = {"ul": "List Bullet", "ol": "List Number"}
    HEADINGS = {"h3": 3, "h4": 4, "h5": 5, "h6": 6}

    def __init__(
        self,
        writer: Writer,
        *,
        style: str | None,
        then: str | None,
        language: str | None,
        numbering: int | None = None,
        depth: int = 0,
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.writer = writer
        self.then = then
        self.language = language
        self.depth = depth
        self.current: Paragraph | None = None
        self.next_style: str | None = style
        self.next_numbering: int | None = numbering
        self.fresh_item = False  # a list item whose first paragraph is still to come
        self.formats: list[str] = []  # open inline elements: bold, italic, code
        self.href: str | None = None
        self.lists: list[int | None] = []  # each open list's numbering (None: bullets)
        self.list_styles: list[str] = []
        self.pre = False
        self.line_start = False  # after a line break: the next line's spaces are dropped

    def feed_all(self, html: str) -> None:
        self.feed(str(html))
        self.close()

    def _following(self) -> str | None:
        """The style of a paragraph that goes on after a block."""
        return "List Continue" if self.lists else self.then

    def _new_paragraph(self, style: str | None, numbering: int | None = None) -> None:
        self.current = None
        self.next_style = style
        self.next_numbering = numbering

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b"):
            self.formats.append("bold")
        elif tag in ("em", "i"):
            self.formats.append("italic")
        elif tag == "code":
            self.formats.append("code")
        elif tag == "a":
            self.href = dict(attrs).get("href")
        elif tag == "br":
            if self.current is not None:
                self.current.add_run().add_break()
                self.line_start = True
        elif tag in self.LIST_STYLES:
            level = min(self.depth + len(self.lists) + 1, 3)
            name = self.LIST_STYLES[tag]
            style = name if level == 1 else f"{name} {level}"
            numbering = self.writer.restarted_numbering(style) if tag == "ol" else None
            self.lists.append(numbering)
            self.list_styles.append(style)
        elif tag == "li" and self.lists:
            self._new_paragraph(self.list_styles[-1], self.lists[-1])
            self.fresh_item = True
        elif tag == "p":
            if not self.fresh_item and self.current is not None:
                self._new_paragraph(self._following())
        elif tag in self.HEADINGS:
            self._new_paragraph(f"Heading {self.HEADINGS[tag]}")
        elif tag == "blockquote":
            self._new_paragraph("Quote")
        elif tag == "pre":
            self.pre = True
            self._new_paragraph(self._following())

    def handle_endtag(self, tag):
        if tag in ("strong", "b", "em", "i", "code") and self.formats:
            self.formats.pop()
        elif tag == "a":
            self.href = None
        elif tag in self.LIST_STYLES and self.lists:
            self.lists.pop()
            self.list_styles.pop()
            self._new_paragraph(self._following())
        elif tag in ("p", "li", "blockquote", "pre", *self.HEADINGS):
            if tag == "pre":
                self.pre = False
            if self.current is not None:
                self._new_paragraph(self._following())

    def handle_data(self, data):
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
            if self.current is None or self.line_start:
                data = data.lstrip()
        if not data:
            return
        self.line_start = False
        if self.current is None:
            self.current = self.writer.paragraph(style=self.next_style)
            if self.next_numbering is not None:
                self.writer.numbered(self.current, self.next_numbering)
            self.fresh_item = False
        lines = data.split("\n") if self.pre else [data]
        for number, line in enumerate(lines):
            if number:
                self.current.add_run().add_break()
            if self.href:
                run = self.writer.link(self.current, line, self.href)
            else:
                run = self.current.add_run(line)
            run.bold = "bold" in self.formats or None
            run.italic = "italic" in self.formats or None
            if "code" in self.formats or self.pre:
                run.font.name = "Courier New"
            if self.language:
                _set_run_language(run, self.language)
