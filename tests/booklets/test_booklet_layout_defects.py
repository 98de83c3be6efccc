"""A booklet is laid out as a publication: every demo booklet (each agenda,
in Spanish and English, on A4 and Letter, public and internal editions) is
rendered once and its PDF read back line by line, with positions and fonts.
None may have a heading stranded at a page's foot, a section's heading and
introduction parted from its first item, a national citation cut with "…",
a list split after its first line, a word left alone on a line, lines
drawn over each other, or (in the
internal edition) a page without the confidential mark.
(test_layout_checks.py shows that each check finds its defect.)"""

import time

import pytest

from .layout import EVERY_EDITION, rendered_booklets
from .layout_checks import (
    cut_citations,
    lone_words,
    overlapping_lines,
    parted_sections,
    split_lists,
    stranded_headings,
)
from .pdf import CONFIDENTIAL

pytestmark = pytest.mark.django_db
KEYS = pytest.mark.parametrize("key", EVERY_EDITION, ids="-".join)


@pytest.fixture(scope="module")
def booklets(django_db_setup, django_db_blocker):
    started = time.perf_counter()
    rendered = rendered_booklets(django_db_blocker)
    print(
        f"\n{len(rendered)} booklets: {time.perf_counter() - started:.1f} s "
        f"(rendering {sum(b.seconds for b in rendered.values()):.1f} s)"
    )
    return rendered


def inner_pages(booklets, key):
    return booklets[key].pages[1:]  # the cover is laid out on its own


@KEYS
def test_no_heading_stranded_at_the_foot_of_a_page(booklets, key):
    defects = stranded_headings(inner_pages(booklets, key))
    assert not defects, f"{key}: a heading at a page's foot:\n" + "\n".join(defects)


@KEYS
def test_a_section_heading_and_introduction_stay_with_its_first_item(booklets, key):
    """'Proposals / What can be done…' and its introduction at a page's foot,
    the proposals on the next page."""
    defects = parted_sections(inner_pages(booklets, key))
    assert not defects, f"{key}: a section parted from its first item:\n" + "\n".join(defects)


@KEYS
def test_national_citations_are_printed_whole(booklets, key):
    cut, citations = cut_citations(inner_pages(booklets, key))
    assert not cut, f"{key}: citations cut short:\n" + "\n".join(cut)
    if key[0] != "national":  # the local agendas cite the national one
        assert citations


@KEYS
def test_no_list_is_split_after_its_first_line(booklets, key):
    defects = split_lists(booklets[key].pages)
    assert not defects, f"{key}: a list split after its first line:\n" + "\n".join(defects)


@KEYS
def test_no_word_is_left_alone_on_a_line(booklets, key):
    defects = lone_words(inner_pages(booklets, key))
    assert not defects, f"{key}: a word alone on a line:\n" + "\n".join(defects)


@KEYS
def test_the_internal_edition_is_marked_confidential_on_every_page(booklets, key):
    booklet = booklets[key]
    language, edition = key[1], key[3]
    for page in booklet.pages:
        text = " ".join(line.text for line in page.lines + page.running).upper()
        if edition == "internal":
            marked = CONFIDENTIAL[language] in text
            assert marked, f"page {page.number} of {key} is not marked confidential"
        else:
            marked = CONFIDENTIAL[language] in text
            assert not marked, f"page {page.number} of {key}, a public edition, is marked"


@KEYS
def test_no_line_is_drawn_over_another(booklets, key):
    # The cover included: its foot is placed at the page's bottom.
    defects = overlapping_lines(booklets[key].pages)
    assert not defects, f"{key}: lines drawn over each other:\n" + "\n".join(defects)
