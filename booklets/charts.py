"""Charts drawn on the server as SVG: they print sharp, need no script and
carry their numbers and labels as text (the colour is never the only cue)."""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.text import localized, shorten

WIDTH = 600
ROW = 34  # label line + bar
LABEL_CHARS = 90


def _short(text):
    return shorten(text, LABEL_CHARS)


def dots_chart(issues, paper_votes):
    """Horizontal bars of the dots each issue received on the workshops'
    flip charts, most first; None when nobody has voted."""
    voted = sorted((i for i in issues if getattr(i, "dots", 0)), key=lambda i: (-i.dots, i.order))
    if not voted:
        return None
    most = voted[0].dots
    height = ROW * len(voted) + 10
    title = _("Dots each issue received in the workshop votes")
    rows = []
    for index, issue in enumerate(voted):
        y = index * ROW
        bar = max(2, round((WIDTH - 60) * issue.dots / most))
        label = escape(_short(localized(issue, "title").text))
        rows.append(
            f'<text x="0" y="{y + 12}" font-size="10" fill="#1b1b1b">{label}</text>'
            f'<rect x="0" y="{y + 16}" width="{bar}" height="12" '
            f'fill="{escape(issue.dimension.colour)}"/>'
            f'<text x="{bar + 6}" y="{y + 27}" font-size="10" font-weight="700" '
            f'fill="#1b1b1b">{issue.dots}</text>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" font-family="Source Sans 3">'
        f"<title>{escape(title)}</title>{''.join(rows)}</svg>"
    )
    return {"svg": mark_safe(svg), "title": title, "voters": paper_votes["voters"]}
