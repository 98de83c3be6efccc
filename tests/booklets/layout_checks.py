"""The layout defects a reader sees in a printed booklet, found from its
pages' lines (tests/booklets/layout.py). Each check returns the defects it
found, as "p.N: text" strings; an empty list when there are none."""

from .layout import MM

# The text area of a page (booklet.css's @page margins).
TEXT_TOP, TEXT_BOTTOM_MARGIN = 22 * MM, 20 * MM
FOOT = 0.15  # the last 15 % of the text area
FOOT_OF_SECTION = 0.30  # where a heading and its introduction must not end a page
SECTION_SIZE = 15  # pt: a section's heading (h2), larger than a sub-heading (h3)
CITED = ("Cited in the national agenda", "Citado en la agenda nacional")
ELLIPSES = ("…", "...")
SHORT_WORD = 14  # characters: a longer last word may stand alone


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


def same_list(above, below):
    return above.bullet and below.bullet and abs(above.x0 - below.x0) < 1


def describe(page, line):
    return f"p.{page.number}: {line.text[:70]!r}"


def stranded_headings(pages):
    """A heading in the last 15 % of a page with (almost) nothing after it."""
    defects = []
    for page in pages:
        for index, line in enumerate(page.lines):
            body_after = [other for other in page.lines[index + 1 :] if not other.heading]
            if line.heading and line.top > foot(page, FOOT) and len(body_after) < 2:
                defects.append(describe(page, line))
    return defects


def parted_sections(pages):
    """A section's heading and introduction end a page before any item of it
    (a sub-heading or a list) has begun, the items starting overleaf."""
    defects = []
    for page, following in zip(pages, pages[1:], strict=False):
        sections = [line for line in page.lines if line.heading and line.size >= SECTION_SIZE]
        if not sections or not following.lines:
            continue
        last = sections[-1]
        rest = page.lines[page.lines.index(last) + 1 :]

        def item(line, last=last):
            return line.bullet or (line.heading and line.size < last.size)

        at_foot = last.top > foot(page, FOOT_OF_SECTION)
        if at_foot and not any(map(item, rest)) and item(following.lines[0]):
            defects.append(describe(page, last))
    return defects


def cut_citations(pages):
    """A "Cited in the national agenda" note cut short with "…"; and the
    notes found, to check there are some."""
    citations = []
    for page in pages:
        for index, line in enumerate(page.lines):
            if not line.text.startswith(CITED):
                continue
            block = [line]
            for below in page.lines[index + 1 :]:
                if not same_paragraph(block[-1], below):
                    break
                block.append(below)
            citations.append(f"p.{page.number}: " + " ".join(part.text for part in block))
    return [text for text in citations if any(map(text.count, ELLIPSES))], citations


def split_lists(pages):
    """A list whose first line alone ends a page, the rest of it overleaf."""
    defects = []
    for page, following in zip(pages, pages[1:], strict=False):
        if not page.lines or not following.lines or not page.lines[-1].bullet:
            continue
        last, goes_on = page.lines[-1], following.lines[0]
        earlier = page.lines[:-1]
        if any(same_list(line, last) for line in earlier):
            continue  # not the list's first item
        if earlier and same_paragraph(earlier[-1], last):
            continue
        if same_paragraph(last, goes_on) or same_list(last, goes_on):
            defects.append(describe(page, last))
    return defects


def lone_words(pages):
    """A short word alone on a paragraph's last line, or a single word on a
    line its paragraph goes on after ("• Organizar" / the rest below)."""
    defects = []
    for page in pages:
        lines = page.lines
        for index, line in enumerate(lines):
            words = line.words[1:] if line.bullet else line.words
            if line.heading or len(words) != 1:
                continue
            above = lines[index - 1] if index else None
            below = lines[index + 1] if index + 1 < len(lines) else None
            alone_mid = below is not None and same_paragraph(line, below)
            alone_last = (
                above is not None and same_paragraph(above, line) and len(words[0]) <= SHORT_WORD
            )
            if alone_mid or alone_last:
                defects.append(describe(page, line))
    return defects


def overlapping_lines(pages):
    """Two lines of text drawn over each other (a block placed on the page,
    such as the cover's foot, over text that ran longer than it allows)."""
    defects = []
    for page in pages:
        lines = sorted(page.lines + page.running, key=lambda line: line.top)
        for index, above in enumerate(lines):
            for below in lines[index + 1 :]:
                if below.top >= above.bottom - 1.5:
                    break
                # Side by side (a page's columns) is not over each other.
                if below.x0 < above.x1 and above.x0 < below.x1:
                    defects.append(f"{describe(page, above)} / {below.text[:40]!r}")
    return defects
