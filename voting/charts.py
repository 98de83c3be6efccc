"""A vote's combined result as a bar chart (core.charts), in the order of
the ranking that voting.selectors.results gives: the same chart on the
workspace's results page, the agenda's public page and its booklet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.charts import Bar, bar_chart
from core.templatetags.numbers import percent
from core.text import localized, shorten

if TYPE_CHECKING:
    from .selectors import IssueResult, Results

# The title is cut so that the share and the points still fit on its line.
TITLE_CHARS = 22


def share_and_points(row: IssueResult) -> str:
    """The share and the points it stands for, as in “19.5 % (6 points)”, so
    that two issues whose shares read alike can be told apart."""
    points = ngettext("%(counter)s point", "%(counter)s points", row.points) % {
        "counter": row.points
    }
    return _("%(share)s (%(points)s)") % {"share": percent(row.share), "points": points}


def results_chart(results: Results) -> SafeString | None:
    """Bars of each issue's combined share, in the ranking's order, each
    labelled with its place, title, share and points. None when no issue
    received anything."""
    bars = [
        Bar(
            label=f"{place}. {shorten(localized(row.issue, 'title').text, TITLE_CHARS)}: "
            f"{share_and_points(row)}",
            value=row.share,
            colour=row.issue.dimension.colour,
        )
        for place, row in enumerate(results.issues, start=1)
    ]
    return bar_chart(
        _("Combined result of the vote, by issue"),
        _("Bar length: the issue's share of the combined vote"),
        bars,
    )
