"""The layout checks find the defects they look for, and the booklet's print
rules prevent them: made-up pages, each starting further down its page so
that some fall where a break would part what belongs together, are laid
out with booklet.css (and once more with its rule undone) and read back."""

import pytest

from booklets.typesetting import typeset
from core.pdf import render_pdf

from .layout import read_pages
from .layout_checks import (
    cut_citations,
    lone_words,
    parted_sections,
    split_lists,
    stranded_headings,
)

# Heights (mm) of the blank space above each made-up piece: from half the
# page down to its foot.
SPACERS = range(150, 232, 3)
PARAGRAPH = (
    "These are some of the ideas and proposals that can be found in our Local Human "
    "Security Agenda and that we hope can materialise through collaborative work."
)
ORGANIZAR = (
    "Organizar reuniones de mujeres de distintas partes de la colonia para hacer juntas "
    "actividades cotidianas y <strong>crear redes de apoyo</strong> que nos permitan "
    "acercarnos y actuar cuando alguna de nosotras esté pasando por una situación "
    "difícil de violencia o inseguridad."
)


def lay_out(piece, *, undo="", pages=SPACERS):
    """Each page: a blank space, then `piece`; `undo` is CSS added after booklet.css."""
    body = "".join(
        f'<div style="break-before: page; height: {mm}mm"></div><div class="agenda">{piece}</div>'
        for mm in pages
    )
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="/static/css/booklet.css">'
        f"<style>@page {{ size: A4; }} {undo}</style></head>"
        f'<body class="booklet">{body}</body></html>'
    )
    return read_pages(render_pdf(html))


SECTION = (
    "<section><h2>Proposals</h2>"
    f'<section class="agenda-section"><h2>What can be done?</h2><p>{PARAGRAPH}</p></section>'
    '<section class="actor"><h3>Proposals for the authorities</h3>'
    f"<ul><li>{PARAGRAPH}</li><li>{PARAGRAPH}</li></ul></section></section>"
)
HEADING = f"<section><h2>Silenced issues</h2><p>{PARAGRAPH} {PARAGRAPH} {PARAGRAPH}</p></section>"
LIST = (
    f"<p>{PARAGRAPH}</p><ul><li>Violence caused by drug dealing</li>"
    "<li>Robbery and extortion</li><li>Division and lack of trust</li></ul>"
)

CASES = {
    "section": (
        SECTION,
        parted_sections,
        ".agenda-section + .actor { break-before: auto !important; }"
        " .agenda-section > * { break-after: auto !important; }",
    ),
    "heading": (HEADING, stranded_headings, "h2 { break-after: auto; }"),
    "list": (LIST, split_lists, "ul > li:first-child { break-after: auto; } li { orphans: 1; }"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_print_rules_prevent_what_the_check_finds(case):
    piece, check, undo = CASES[case]
    assert check(lay_out(piece, undo=undo)), "the check finds the defect without the rule"
    assert not check(lay_out(piece)), "booklet.css prevents it"


def test_lone_words_are_found_and_bound_to_their_neighbour():
    piece = f'<section class="actor"><ul><li><p>{ORGANIZAR}</p></li></ul></section>'
    paragraphs = "".join(
        f'<p style="width: {width}pt">{PARAGRAPH}</p>' for width in range(250, 480, 2)
    )
    for html in (piece, paragraphs):
        assert lone_words(lay_out(html, pages=[0]))
        assert not lone_words(lay_out(typeset(html), pages=[0]))


def test_a_citation_cut_short_is_found():
    note = '<p class="cited-by">Cited in the national agenda: Requirement: {}</p>'
    cut, citations = cut_citations(lay_out(note.format("Restoring trust in the …"), pages=[0]))
    assert cut and citations
    cut, citations = cut_citations(lay_out(note.format(PARAGRAPH), pages=[0]))
    assert not cut and citations
