"""The comparison page's charts, drawn with core.charts (silenced issues are
hatched as well as named)."""

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.charts import BAR, HEADING, INK, ROW, WIDTH
from core.charts import svg as _svg
from core.charts import text as _text
from core.text import localized, shorten

LABEL_CHARS = 50
PEOPLE = "#0b4f8a"
HATCH_ID = "compare-hatch"


def _short(text):
    return shorten(text, LABEL_CHARS)


def _name(column):
    return localized(column.neighbourhood, "name").text


def issues_chart(comparison):
    """Bars of the issues of each dimension in each neighbourhood: solid for
    prioritised, hatched for silenced. None when there is nothing to draw."""
    rows = [row for row in comparison.rows if row.total]
    if not rows or not comparison.columns:
        return None
    most = max(cell.total for row in rows for cell in row.cells)
    unit = (WIDTH - 2) / most
    title = _("Issues by security dimension in each neighbourhood")
    defs = (
        f'<defs><pattern id="{HATCH_ID}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="3"/></pattern></defs>'
    )
    legend = [
        f'<rect x="0" y="4" width="14" height="{BAR}" fill="{INK}"/>',
        _text(20, 13, _("Prioritised")),
        f'<rect x="130" y="4" width="14" height="{BAR}" fill="url(#{HATCH_ID})" stroke="{INK}"/>',
        _text(150, 13, _("Silenced")),
    ]
    body, y = legend, HEADING
    for row in rows:
        body.append(_text(0, y + 16, _short(localized(row.dimension, "name").text), bold=True))
        y += HEADING
        colour = escape(row.dimension.colour)
        for column, cell in zip(comparison.columns, row.cells, strict=True):
            words = cell.text or _("none")
            body.append(_text(0, y + 12, _short(f"{_name(column)}: {words}")))
            x = 0
            if cell.prioritised:
                width = round(cell.prioritised * unit, 1)
                body.append(
                    f'<rect x="0" y="{y + 16}" width="{width}" height="{BAR}" fill="{colour}"/>'
                )
                x = width
            if cell.silenced:
                width = round(cell.silenced * unit, 1)
                body.append(
                    f'<rect x="{x}" y="{y + 16}" width="{width}" height="{BAR}" '
                    f'fill="url(#{HATCH_ID})" stroke="{INK}" stroke-width="1"/>'
                )
            y += ROW
    return {"svg": _svg(title, y + 4, body, defs), "title": title}


def participants_chart(comparison):
    """Bars of the people of each group who took part in each neighbourhood's
    workshops. None when no attendance was recorded."""
    if not comparison.has_attendance:
        return None
    most = max(max(column.participants, default=0) for column in comparison.columns)
    unit = (WIDTH - 2) / most if most else 0  # people counted, but by no group
    title = _("People who took part in the workshops, by group")
    body, y = [], 0
    for column in comparison.columns:
        total = column.participant_total
        if column.counted:
            summary = ngettext("%(count)d person", "%(count)d people", total) % {"count": total}
        else:
            summary = _("no attendance recorded")
        body.append(_text(0, y + 16, _short(f"{_name(column)}: {summary}"), bold=True))
        y += HEADING
        for group, people in zip(comparison.groups, column.participants, strict=True):
            if not people:
                continue
            body.append(_text(0, y + 12, _short(f"{localized(group, 'name').text}: {people}")))
            width = round(people * unit, 1)
            body.append(
                f'<rect x="0" y="{y + 16}" width="{width}" height="{BAR}" fill="{PEOPLE}"/>'
            )
            y += ROW
    return {"svg": _svg(title, y + 4, body), "title": title}
