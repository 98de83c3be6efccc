"""Charts drawn on the server as SVG, shared by every page and booklet that
draws one: they print sharp, need no script, and carry every label and
number as text, so colour is never the only cue. The page puts the same
numbers in a table beside each chart.

The drawing is scaled to the width of the page: at this width, 12-unit text
stays readable on a 360 px phone."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320
FONT = 12
HEADING = 24  # a heading line
ROW = 32  # a label line and its bar
BAR = 10
INK = "#1b1b1b"
LINE_CHARS = 46  # of 12-unit text, about what the drawing's width holds
# The booklet's own font first: a PDF embeds it rather than one of the machine's.
FONTS = (
    "&quot;Source Sans 3&quot;, system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, sans-serif"
)


def text(x: float, y: float, words: str, *, bold: bool = False, size: int = FONT) -> str:
    weight = ' font-weight="700"' if bold else ""
    return f'<text x="{x}" y="{y}" font-size="{size}"{weight} fill="{INK}">{escape(words)}</text>'


def bar(x: float, y: float, width: float, colour: str, extra: str = "") -> str:
    return f'<rect x="{x}" y="{y}" width="{width}" height="{BAR}" fill="{escape(colour)}"{extra}/>'


def svg(title: str, height: float, body: Iterable[str], defs: str = "") -> SafeString:
    """The drawing, named by `title` for screen readers (role img)."""
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" font-family="{FONTS}">'
        f"<title>{escape(title)}</title>{defs}{''.join(body)}</svg>"
    )


@dataclass
class Bar:
    """One bar of a bar chart: its label line (the value written in it, in
    words) and its length as a number."""

    label: str
    value: float
    colour: str


def bar_chart(title: str, axis: str, bars: Sequence[Bar]) -> SafeString | None:
    """Horizontal bars, one under its label line each, in the order given;
    `axis` says in words what a bar's length is, on the first line. None when
    there is nothing to draw."""
    most = max((item.value for item in bars), default=0)
    if not most:
        return None
    unit = (WIDTH - 2) / most
    body, y = [], 0
    # Each line of words no wider than the drawing.
    for line in textwrap.wrap(axis, LINE_CHARS):
        body.append(text(0, y + 14, line))
        y += FONT + 6
    y += HEADING - FONT - 6
    for item in bars:
        body.append(text(0, y + 12, item.label))
        if item.value:
            body.append(bar(0, y + 16, max(1, round(item.value * unit, 1)), item.colour))
        y += ROW
    return svg(title, y + 4, body)
