"""An agenda as an editable Word document (DOCX), for teams who finish a
publication by hand.

It is made from the same read of the agenda as the printed booklet
(`booklet_context`): the same items under the same rules, in the same
order, in either edition. Each part of the document is a function of that
context (`PARTS`), so that a part can be added or moved in one place.

The document uses Word's own styles (Title, Heading 1 and 2, List Bullet,
List Number, Caption, Table Grid): the navigation pane lists its headings,
and restyling them restyles the whole document. User text is Markdown: it
goes through the site's sanitiser (`core.text.render_markdown`) and the
small HTML that comes out is turned into paragraphs and runs, so no
Markdown sign and no markup reaches the document.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from typing import Any

import segno
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from core.templatetags.numbers import percent
from core.text import html_lang, localized, plain_text, render_markdown, render_markdown_lines
from voting import times

from .models import Paper
from .rendering import booklet_context

# Width and height of each paper, as the PDF booklet's @page sizes.
PAPER_SIZES = {Paper.A4: (Mm(210), Mm(297)), Paper.LETTER: (Mm(215.9), Mm(279.4))}
MARGIN = Mm(20)
QR_SIZE = Mm(35)
LINK_COLOUR = RGBColor(0x0B, 0x57, 0xD0)
# What the bilingual template tags say after a text shown in the other language.
FALLBACK_NOTES = {"es": lambda: _("in Spanish"), "en": lambda: _("in English")}


def agenda_docx(agenda, *, user, edition, language, paper, stamp=None) -> bytes:
    """The agenda as a Word document. The public edition holds public items
    only, whoever asks; the internal one holds what `user` may see, restricted
    items included (the caller has checked they may), and is marked
    confidential on every page with who exported it and when."""
    with translation.override(language):
        context = booklet_context(
            agenda, user=user, edition=edition, language=language, paper=paper, stamp=stamp
        )
        return build_document(context, paper=paper)


def build_document(context: dict[str, Any], *, paper: str) -> bytes:
    writer = Writer(context, paper=paper)
    for part in PARTS:
        part(writer, context)
    return writer.save()


# --- the writer: paragraphs, runs, links and lists in Word's own styles ------------


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


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
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


# --- the parts of the document, in the booklet's order -------------------------------


def edition_name(context) -> str:
    if context["confidential"]:
        return _("Internal edition (confidential)")
    return _("Public edition")


def version_text(context) -> str:
    """The version the document prints, as the booklet's cover says it."""
    agenda, publication = context["agenda"], context["publication"]
    version = publication.version
    if version is None:
        return "{} · {}".format(
            _("Draft, not yet published"),
            _("text of %(date)s") % {"date": date_format(agenda.updated_at, "DATE_FORMAT")},
        )
    text = _("Version %(number)s, published %(date)s") % {
        "number": version.number,
        "date": date_format(timezone.localtime(version.published_at), "DATE_FORMAT"),
    }
    if publication.changed_since_version:
        text += ". " + _(
            "This copy prints the text as it stood on %(date)s, changed since that version."
        ) % {"date": date_format(agenda.updated_at, "DATE_FORMAT")}
    return text


def cover_facts(context) -> list[tuple[str, str]]:
    """The facts under the title, as the booklet's cover gives them."""
    view, publication = context["view"], context["publication"]
    facts = []
    if publication.cycle:
        facts.append((_("Cycle of workshops"), publication.cycle))
    facts += [(_("Version"), version_text(context)), (_("Edition"), edition_name(context))]
    if view.participants:
        facts.append((_("Participants"), str(view.participants)))
    if publication.publisher:
        facts.append((_("Published by"), publication.publisher))
    return facts


def page_marks(writer: Writer, context) -> None:
    """Every page: its number and, in the internal edition, the confidential
    mark above and who exported it, and when, below (as the PDF's margins)."""
    strings = context["strings"]
    for section in writer.document.sections:
        if context["confidential"]:
            header = section.header.paragraphs[0]
            header.add_run(strings["confidential"].upper()).bold = True
        footer = section.footer.paragraphs[0]
        if context["confidential"] and strings["exported"]:
            footer.add_run(strings["exported"])
            footer = section.footer.add_paragraph()
        footer.add_run(f"{strings['page']} ")
        _field(footer, "PAGE", "1")
        footer.add_run(f" {strings['of']} ")
        _field(footer, "NUMPAGES", "1")


def title_page(writer: Writer, context) -> None:
    agenda = context["agenda"]
    if context["confidential"]:
        mark = writer.paragraph()
        mark.add_run(
            _("Confidential: includes restricted issues. Do not share outside the agenda's team.")
        ).bold = True
    writer.paragraph(_("Human Security Agendas"), style="Subtitle")
    writer.field(writer.paragraph(style="Title"), agenda, "title")
    if agenda.neighbourhood:
        place = writer.paragraph(style="Subtitle")
        writer.field(place, agenda.neighbourhood, "name")
        place.add_run(", ")
        writer.field(place, agenda.neighbourhood.city, "name")
    for label, value in cover_facts(context):
        fact = writer.paragraph()
        fact.add_run(f"{label}: ").bold = True
        fact.add_run(value)
    writer.page_break()


def participation(writer: Writer, context) -> None:
    taking_part = context["participation"]
    if not taking_part:
        return
    writer.heading(_("Participation"), 1)
    writer.paragraph(
        ngettext(
            "%(counter)s person took part, each counted once however many workshops they came to.",
            "%(counter)s people took part, each counted once however many workshops they came to.",
            taking_part.total,
        )
        % {"counter": taking_part.total}
    )
    if taking_part.by_group:
        writer.table(
            [_("Group"), _("People")],
            ([localized(group, "name").text, str(count)] for group, count in taking_part.by_group),
            caption=_(
                "People of each group present, added up over the workshops: a person belongs "
                "to several groups and may come again, so the rows do not add up to the people "
                "who took part."
            ),
        )
    for workshop in taking_part.workshops:
        item = writer.paragraph(style="List Bullet")
        writer.field(item, workshop, "title", bold=True)
        if workshop.date:
            item.add_run(f" · {date_format(workshop.date, 'DATE_FORMAT')}")
        # The public edition's workshops (workshops.public) have no place to show.
        if localized(workshop, "place").text:
            item.add_run(" · ")
            writer.field(item, workshop, "place")
        item.add_run(
            " · "
            + ngettext("%(counter)s participant", "%(counter)s participants", workshop.participants)
            % {"counter": workshop.participants}
        )


def section(writer: Writer, context, section, *, level: int = 1) -> None:
    """A free-text section (agendas/_section.html): heading, body and, in the
    national agenda, its points with the local evidence they draw on."""
    if localized(section, "heading").text:
        heading = writer.heading("", level)
        writer.field(heading, section, "heading")
    writer.markdown(section, "body", participants=context["view"].participants)
    points = getattr(section, "point_list", None)
    if not points:
        return
    principles = section.kind == "principles"
    numbering = writer.restarted_numbering("List Number") if principles else None
    for point in points:
        national_point(writer, context, point, numbering)


def national_point(writer: Writer, context, point, numbering: int | None) -> None:
    style = "List Number" if numbering is not None else "List Bullet"
    writer.markdown(point, "text", style=style, then="List Continue", numbering=numbering)
    if not (point.cited_issues or point.cited_proposals):
        return
    writer.paragraph(_("Draws on local evidence:"), style="List Continue")
    for issue in point.cited_issues:
        item = writer.paragraph(style="List Bullet 2")
        item.add_run(f"{_('Issue')}: ")
        writer.link(item, localized(issue, "title").text, _agenda_url(context, issue, "issue"))
        _place_of(writer, item, issue.agenda)
        if issue.kind == "silenced":
            item.add_run(f" · {_('silenced issue')}")
        if issue.is_restricted:
            item.add_run(f" {_('Restricted: not shown to the public')}").italic = True
    for proposal in point.cited_proposals:
        item = writer.paragraph(style="List Bullet 2")
        item.add_run(f"{_('Proposal')}: ")
        text = _plain(proposal, "text")
        writer.link(item, text, _agenda_url(context, proposal, "proposal"))
        _place_of(writer, item, proposal.agenda)


def _place_of(writer: Writer, paragraph: Paragraph, agenda) -> None:
    if agenda.neighbourhood:
        paragraph.add_run(" — ")
        writer.field(paragraph, agenda.neighbourhood, "name")
        paragraph.add_run(", ")
        writer.field(paragraph, agenda.neighbourhood.city, "name")


def _plain(obj, field: str) -> str:
    return plain_text(localized(obj, field).text)


def _agenda_url(context, item, anchor: str) -> str:
    """The address of an item on its agenda's page (the site's own)."""
    path = reverse("agenda-detail", args=[item.agenda.slug])
    return f"{context['site_url']}{path}#{anchor}-{item.public_id}"


def opening_text(writer: Writer, context) -> None:
    """The city's story, the introduction and the context."""
    agenda, view = context["agenda"], context["view"]
    if agenda.neighbourhood:
        writer.markdown(agenda.neighbourhood.city, "description")
    for kind in ("introduction", "context"):
        for item in view.sections.get(kind, []):
            section(writer, context, item)


def issue(writer: Writer, context, issue, *, touches=None) -> None:
    """One issue (agendas/_issue.html): title, dots, restricted mark, the
    dimensions it also touches, where the national agenda cites it, and its
    description."""
    item = writer.paragraph(style="List Bullet")
    writer.field(item, issue, "title", bold=True)
    dots = getattr(issue, "dots", 0)
    if dots:
        item.add_run(
            " · "
            + ngettext(
                "%(counter)s dot in the workshop votes",
                "%(counter)s dots in the workshop votes",
                dots,
            )
            % {"counter": dots}
        )
    if issue.is_restricted:
        item.add_run(f" · {_('Restricted: not shown to the public')}").italic = True
    related = touches if touches is not None else list(issue.related_dimensions.all())
    if related:
        also = writer.paragraph(style="List Continue")
        label = _("Touches:") if touches is not None else _("Also touches:")
        also.add_run(f"{label} ")
        for number, dimension in enumerate(related):
            if number:
                also.add_run(", ")
            writer.field(also, dimension, "name")
    cited = getattr(issue, "cited_by", None)
    if cited:
        citations = writer.paragraph(style="List Continue")
        citations.add_run(f"{_('Cited in the national agenda:')} ")
        text = ""
        for point in cited:
            if text:
                # A point that ends its sentence needs no semicolon after it.
                citations.add_run(" " if text.endswith(".") else "; ")
            citations.add_run(f"{point.kind_label}: ")
            # Whole: a citation is never cut short.
            path = reverse("agenda-detail", args=[point.section.agenda.slug])
            url = f"{context['site_url']}{path}#point-{point.public_id}"
            text = _plain(point, "text")
            writer.link(citations, text, url)
    writer.markdown(issue, "description", style="List Continue", then="List Continue")


def priority_issues(writer: Writer, context) -> None:
    view = context["view"]
    if not view.has_priority_issues:
        return
    writer.heading(_("Priority issues"), 1)
    for item in view.sections.get("issues_intro", []):
        section(writer, context, item, level=2)
    for group in view.dimension_groups:
        heading = writer.heading("", 2)
        writer.field(heading, group.dimension, "name")
        for item in group.issues:
            issue(writer, context, item)
    if view.cross_cutting:
        # As the booklet: issues touching three or more dimensions, each
        # with every dimension it touches named.
        writer.heading(_("Cross-cutting issues"), 2)
        writer.paragraph(
            _(
                "Each of these issues touches three or more security dimensions "
                "at once, named beside it."
            )
        )
        for item in view.cross_cutting:
            issue(writer, context, item.issue, touches=item.dimensions)


def silenced_issues(writer: Writer, context) -> None:
    agenda, view = context["agenda"], context["view"]
    if not view.silenced:
        return
    heading = writer.heading("", 1)
    if localized(agenda, "silenced_heading").text:
        writer.field(heading, agenda, "silenced_heading")
    else:
        heading.add_run(_("Silenced issues"))
    for item in view.sections.get("silenced_intro", []):
        section(writer, context, item, level=2)
    for item in view.silenced:
        issue(writer, context, item)


def proposals(writer: Writer, context) -> None:
    view = context["view"]
    if not view.proposals_by_actor:
        return
    writer.heading(_("Proposals"), 1)
    for item in view.sections.get("proposals_intro", []):
        section(writer, context, item, level=2)
    for heading, items in view.proposals_by_actor:
        writer.heading(str(heading), 2)
        for proposal in items:
            writer.markdown(proposal, "text", style="List Bullet", then="List Continue")


def vote_results(writer: Writer, context) -> None:
    """The results of the agenda's votes (voting/_public_results.html): how
    they were counted, and the table of online, paper and combined figures."""
    found = context["view"].vote_results
    if not found:
        return
    results = found.results
    writer.heading(_("Vote results"), 1)
    writer.paragraph(" ".join(results_method(found)))
    if results.tallies_left_out:
        writer.paragraph(
            ngettext(
                "%(counter)s paper tally of fewer than %(smallest)s voters is not counted, "
                "so that their dots cannot be told apart.",
                "%(counter)s paper tallies of fewer than %(smallest)s voters each are not "
                "counted, so that their dots cannot be told apart.",
                results.tallies_left_out,
            )
            % {"counter": results.tallies_left_out, "smallest": found.smallest_group}
        )
    rows = []
    for place, row in enumerate(results.issues, start=1):
        points = ngettext("%(counter)s point", "%(counter)s points", row.points) % {
            "counter": row.points
        }
        rows.append(
            [
                str(place),
                localized(row.issue, "title").text,
                _("not shown") if row.online is None else str(row.online),
                str(row.paper),
                f"{percent(row.share)} ({points})",
            ]
        )
    writer.table(
        [_("Place"), _("Issue"), _("Online"), _("Paper"), _("Combined")],
        rows,
        caption=_(
            "Online ballots, paper tallies, and the two combined (each issue's share of each, "
            "weighted by the people who voted in it)."
        ),
    )


def results_method(found) -> list[str]:
    """How the results were counted, in the words of the booklet's results."""
    results, round = found.results, found.round
    said = []
    if round:
        closed = times.shown_in(round.closing_time, times.zone_of(round.agenda))
        vote = _("Vote “%(title)s”, closed on %(closed)s.")
        said.append(vote % {"title": round, "closed": closed})
        if results.paper_voters:
            said.append(
                ngettext(
                    "%(counter)s person voted online and %(paper)s on paper; each source counts "
                    "by its number of voters.",
                    "%(counter)s people voted online and %(paper)s on paper; each source counts "
                    "by its number of voters.",
                    results.ballots,
                )
                % {"counter": results.ballots, "paper": results.paper_voters}
            )
        else:
            said.append(
                ngettext(
                    "%(counter)s person voted online; no paper tally is counted.",
                    "%(counter)s people voted online; no paper tally is counted.",
                    results.ballots,
                )
                % {"counter": results.ballots}
            )
        if results.online_shown:
            said.append(
                _(
                    "An issue's combined share is its share of the online points, weighted by "
                    "the people who voted online, plus its share of the paper dots, weighted by "
                    "the people who voted on paper."
                )
            )
            said.append(
                {
                    "dots": _("Online, the points are dots, as on the flip charts."),
                    "approval": _("Online, each approval is a point."),
                }.get(
                    round.method,
                    _(
                        "Online, the points are Borda points: with n issues on the ballot, the "
                        "first place gets n − 1 and the last 0."
                    ),
                )
            )
        else:
            said.append(
                ngettext(
                    "Fewer than %(counter)s online ballot: their totals are not shown, so that "
                    "no one's ballot can be read from them.",
                    "Fewer than %(counter)s online ballots: their totals are not shown, so that "
                    "no one's ballot can be read from them.",
                    found.smallest_group,
                )
                % {"counter": found.smallest_group}
            )
            said.append(_("The combined result is the paper tallies' alone."))
    else:
        said.append(
            ngettext(
                "%(counter)s person voted on paper in the workshops, placing dots (stickers) on "
                "the issues that matter most to them; each issue's share is its share of the "
                "dots.",
                "%(counter)s people voted on paper in the workshops, placing dots (stickers) on "
                "the issues that matter most to them; each issue's share is its share of the "
                "dots.",
                results.paper_voters,
            )
            % {"counter": results.paper_voters}
        )
    said.append(_("Issues with equal shares keep the agenda's order."))
    return said


def principles_and_requirements(writer: Writer, context) -> None:
    view = context["view"]
    for kind in ("principles", "requirements"):
        for item in view.sections.get(kind, []):
            section(writer, context, item)


def credits(writer: Writer, context) -> None:
    """The credits page (booklets/_colophon.html): who made the agenda, and
    under which licence it may be used."""
    publication = context["publication"]
    colophon = publication.colophon
    writer.heading(_("Credits"), 1)
    for field, title in (
        ("team", _("Team")),
        ("institutions", _("Institutions")),
        ("funders", _("Funding")),
        ("design", _("Editorial design and print")),
        ("acknowledgements", _("Acknowledgements")),
    ):
        if localized(colophon, field).text:
            writer.heading(title, 2)
            writer.markdown(colophon, field, lines=True)
    writer.heading(_("Licence"), 2)
    licence(writer, writer.paragraph(), publication)
    if publication.publisher:
        writer.paragraph(_("Published by %(publisher)s.") % {"publisher": publication.publisher})


def licence(writer: Writer, paragraph: Paragraph, publication) -> None:
    paragraph.add_run(publication.licence.name)
    if publication.licence.url:
        paragraph.add_run(" · ")
        writer.link(paragraph, publication.licence.url, publication.licence.url)


def how_to_cite(writer: Writer, context) -> None:
    """The back cover (booklets/_back_cover.html): how to cite the agenda,
    and where it stays online."""
    publication = context["publication"]
    writer.heading(_("How to cite"), 1)
    writer.paragraph(publication.citation)
    for label, value in (
        (_("Version"), version_text(context)),
        (_("Permanent address"), publication.permanent_url),
    ):
        fact = writer.paragraph()
        fact.add_run(f"{label}: ").bold = True
        if value == publication.permanent_url:
            writer.link(fact, value, value)
        else:
            fact.add_run(value)
    fact = writer.paragraph()
    fact.add_run(f"{_('Licence')}: ").bold = True
    licence(writer, fact, publication)
    # The QR code of the back cover, to the same address.
    image = io.BytesIO()
    segno.make(publication.permanent_url, error="m").save(image, kind="png", scale=8, border=2)
    image.seek(0)
    writer.document.add_picture(image, width=QR_SIZE)
    writer.paragraph(
        _("Scan to open this version online.")
        if publication.version
        else _("Scan to open the agenda online."),
        style="Caption",
    )


# The document's parts, in the booklet's order (templates/booklets/booklet.html
# and templates/agendas/_agenda_body.html). A new part (a colophon, a back
# cover) is one more function here.
PARTS: tuple[Callable[[Writer, dict[str, Any]], None], ...] = (
    page_marks,
    title_page,
    participation,
    opening_text,
    priority_issues,
    silenced_issues,
    proposals,
    vote_results,
    principles_and_requirements,
    credits,
    how_to_cite,
)
