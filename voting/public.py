"""What an agenda's readers see of its votes: one function that the agenda's
page, its published versions and both editions of its booklet call, so that
they show the ranking of the workspace's results page
(voting.selectors.results), never one of their own.

Only closed votes: while a vote is open its online totals are withheld
(access.disclosure, rule 1), and a ranking of the paper alone would be
overturned when it closes. An agenda with no closed vote shows its
workshops' paper tallies, ranked the same way. A restricted issue is never
on a ballot (VotingRound.ballot_issues), and each source's total is the sum
of the issues shown, so no figure holds the points of an issue the reader
may not see, nor lets them be worked out as a total minus the visible parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from access import disclosure

from . import selectors, services
from .charts import results_chart

if TYPE_CHECKING:
    from datetime import datetime

    from django.utils.safestring import SafeString

    from agendas.models import Agenda

    from .selectors import Results


@dataclass
class AgendaResults:
    results: Results
    chart: SafeString | None
    smallest_group: int = disclosure.SMALLEST_GROUP

    @property
    def round(self):
        return self.results.round


def agenda_results(agenda: Agenda, *, at: datetime | None = None) -> AgendaResults | None:
    """The result an agenda's readers see: of its vote closed most recently
    by `at` (now when None), or of its paper tallies alone when none had
    closed; None when there is neither.

    A closed vote's ballots never change, so its result is read as it stands
    now; paper tallies typed in later and issues restricted since are
    counted as they are now, as everywhere else (hiding an issue takes
    effect at once, in old versions too)."""
    round = selectors.latest_closed_round(agenda, at=at)
    if round is not None:
        # A vote its closing time closed is sealed before anyone reads it.
        services.seal_if_closed(round)
        result = selectors.results(round)
    else:
        found = selectors.paper_results(agenda)
        if found is None:
            return None
        result = found
    return AgendaResults(result, results_chart(result))
