"""A booklet is laid out as a publication: every demo booklet (each agenda,
in Spanish and English, on A4 and Letter, public and internal editions) is
rendered once and its PDF read back line by line, with positions and fonts.
None may have a heading stranded at a page's foot, a section's heading and
introduction parted from its first item, a national citation cut with "…",
a list split after its first line, a word left alone on a line, or (in the
internal edition) a page without the confidential mark."""

import time

import pytest

from .layout import EVERY_EDITION, MM, rendered_booklets
from .pdf import CONFIDENTIAL

# The text area of a page (booklet.css's @page margins).
TEXT_TOP, TEXT_BOTTOM_MARGIN = 22 * MM, 20 * MM
FOOT = 0.15  # the last 15 % of the text area
FOOT_OF_SECTION = 0.30  # where a heading and its introduction must not end a page
CITED = ("Cited in the national agenda", "Citado en la agenda nacional")
ELLIPSES = ("…", "...")
SHORT_WORD = 14  # characters: a longer last word may stand alone

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def booklets(django_db_setup, django_db_blocker):
    started = time.perf_counter()
    rendered = rendered_booklets(django_db_blocker)
    print(
        f"\n{len(rendered)} booklets: {time.perf_counter() - started:.1f} s "
        f"(rendering {sum(b.seconds for b in rendered.values()):.1f} s)"
    )
    return rendered


def foot(page, share):
    top, bottom = TEXT_TOP, page.height - TEXT_BOTTOM_MARGIN
    return top + (1 - share) * (bottom - top)


def same_paragraph(above, below):
    """`below` continues the paragraph (or list item) of `above`."""
    if below.size != above.size or below.top - above.top > 1.7 * above.size:
        return False
    if above.bullet:  # an item's next line starts under its text, not its bullet
        return below.x0 > above.x0 + 1
    return abs(below.x0 - above.x0) < 1


def describe(booklet, page, line):
    slug, language, paper, edition = booklet.key
    return f"{slug} {language} {paper} {edition} p.{page.number}: {line.text[:70]!r}"


def inner_pages(booklet):
    return booklet.pages[1:]  # the cover is laid out on its own


@pytest.mark.parametrize("key", EVERY_EDITION, ids="-".join)
def test_no_heading_stranded_at_the_foot_of_a_page(booklets, key):
    booklet, defects = booklets[key], []
    for page in inner_pages(booklet):
        for index, line in enumerate(page.lines):
            after = page.lines[index + 1 :]
            body_after = [other for other in after if not other.heading]
            if line.heading and line.top > foot(page, FOOT) and len(body_after) < 2:
                defects.append(describe(booklet, page, line))
    assert not defects, "Heading at a page's foot with nothing after it:\n" + "\n".join(defects)


@pytest.mark.parametrize("key", EVERY_EDITION, ids="-".join)
def test_a_section_heading_and_introduction_stay_with_its_first_item(booklets, key):
    """'Proposals / What can be done…' and its introduction at a page's foot,
    the proposals on the next page: the section ends the page before any
    item of it (a sub-heading or a list) has begun."""
    booklet, defects = booklets[key], []
    for page, following in zip(booklet.pages[1:], booklet.pages[2:], strict=False):
        sections = [line for line in page.lines if line.heading and line.size >= 15]
        if not sections or not following.lines:
            continue
        last = sections[-1]
        rest = page.lines[page.lines.index(last) + 1 :]
        items_here = any(line.bullet or (line.heading and line.size < last.size) for line in rest)
        first_next = following.lines[0]
        items_next = first_next.bullet or (first_next.heading and first_next.size < last.size)
        if last.top > foot(page, FOOT_OF_SECTION) and not items_here and items_next:
            defects.append(describe(booklet, page, last))
    assert not defects, "A section parted from its first item:\n" + "\n".join(defects)


@pytest.mark.parametrize("key", EVERY_EDITION, ids="-".join)
def test_national_citations_are_printed_whole(booklets, key):
    booklet, citations = booklets[key], []
    for page in inner_pages(booklet):
        lines = page.lines
        for index, line in enumerate(lines):
            if not line.text.startswith(CITED):
                continue
            block = [line]
            for below in lines[index + 1 :]:
                if not same_paragraph(block[-1], below):
                    break
                block.append(below)
            citations.append((page, " ".join(part.text for part in block)))
    cut = [f"p.{page.number}: {text}" for page, text in citations if any(map(text.count, ELLIPSES))]
    assert not cut, "Citations cut short:\n" + "\n".join(cut)
    slug = key[0]
    if slug != "national":  # the local agendas cite the national one
        assert citations


@pytest.mark.parametrize("key", EVERY_EDITION, ids="-".join)
def test_no_list_is_split_after_its_first_line(booklets, key):
    booklet, defects = booklets[key], []
    for page, following in zip(booklet.pages, booklet.pages[1:], strict=False):
        if not page.lines or not following.lines:
            continue
        last = page.lines[-1]
        if not last.bullet:
            continue
        before = page.lines[-2] if len(page.lines) > 1 else None
        first_of_list = not (before and same_paragraph(before, last)) and not (
            before and before.bullet and abs(before.x0 - last.x0) < 1
        )
        goes_on = following.lines[0]
        continues = same_paragraph(last, goes_on) or (
            goes_on.bullet and abs(goes_on.x0 - last.x0) < 1
        )
        # the list's first item starts at the foot and the rest of it is overleaf
        is_first = first_of_list and not any(
            line.bullet and abs(line.x0 - last.x0) < 1 for line in page.lines[-6:-1]
        )
        if is_first and continues:
            defects.append(describe(booklet, page, last))
    assert not defects, "A list split after its first line:\n" + "\n".join(defects)


@pytest.mark.parametrize("key", EVERY_EDITION, ids="-".join)
def test_no_word_is_left_alone_on_a_line(booklets, key):
    """Neither a short last word on a paragraph's last line, nor a single word
    on a line the paragraph goes on after ("Organizar" / the rest below)."""
    booklet, defects = booklets[key], []
    for page in inner_pages(booklet):
        lines = page.lines
        for index, line in enumerate(lines):
            if line.heading:
                continue
            words = line.words[1:] if line.bullet else line.words
            if len(words) != 1:
                continue
            above = lines[index - 1] if index else None
            below = lines[index + 1] if index + 1 < len(lines) else None
            alone_mid = below is not None and same_paragraph(line, below)
            alone_last = (
                above is not None
                and same_paragraph(above, line)
                and not alone_mid
                and len(words[0]) <= SHORT_WORD
            )
            if alone_mid or alone_last:
                defects.append(describe(booklet, page, line))
    assert not defects, "A word alone on a line:\n" + "\n".join(defects)


@pytest.mark.parametrize("key", EVERY_EDITION, ids="-".join)
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
