"""Counting a vote, and reading its results page, cost the same SQL queries
whatever the number of ballots, closed or open."""

import pytest

from tallies.models import PaperTally
from tests.helpers import EN, count_queries
from tests.pages.helpers import page_text
from tests.voting import open_round
from voting import selectors
from voting.models import VotingRound

from .results import closed, group_rows, paper_tallies, voters_in, workshops

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


# --- cost -----------------------------------------------------------------------------


def grown_round():
    """A vote with some of everything the results show: ballots in groups
    large and small, ballots in no group, and paper tallies (one too small
    to be counted)."""
    round = open_round("dots", dots_per_voter=5, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    if not PaperTally.objects.filter(agenda=round.agenda).exists():
        first, second = workshops()
        paper_tallies({first: (5, {i[2]: 6, i[0]: 1}), second: (3, {i[3]: 2})})
    return round, i


def add_ballots(round, i, times, batch):
    for n in range(times):
        voters_in(round, "women", 5, [(i[n % 13], 3), (i[1], 2)], prefix=f"w{batch}-{n}")
        voters_in(round, "youths", 2, [(i[4], 1)], prefix=f"y{batch}-{n}")
        voters_in(round, "elderly", 3, [(i[6], 2)], prefix=f"e{batch}-{n}")
        voters_in(round, None, 1, [(i[9], 1)], prefix=f"n{batch}-{n}")


def closed_rounds(times):
    """Two closed votes, the second with ten times the ballots of the first."""
    rounds = []
    for batch, n in (("a", times), ("b", 10 * times)):
        round, i = grown_round()
        add_ballots(round, i, n, batch)
        rounds.append(closed(round))
    return rounds


def test_counting_costs_the_same_queries_whatever_the_number_of_ballots():
    small, large = closed_rounds(1)
    for round in (small, large):
        selectors.results(round)  # sealed once
    assert selectors.results(large).ballots == 110
    assert [len(g) for g in (selectors.results(small).groups, selectors.results(large).groups)] == [
        1,
        3,
    ]

    def fresh(round):
        return lambda: selectors.results(VotingRound.objects.get(pk=round.pk))

    assert count_queries(fresh(large)) == count_queries(fresh(small))

    # While open, too.
    round, i = grown_round()
    add_ballots(round, i, 1, "c")
    few = count_queries(fresh(round))
    add_ballots(round, i, 9, "d")
    assert count_queries(fresh(round)) == few


def test_the_results_page_costs_the_same_queries_whatever_the_number_of_ballots(client_for):
    small, large = closed_rounds(1)
    facilitator = client_for("facilitator")
    facilitator.get(f"/workspace/votes/{small.pk}/", headers=EN)  # settles the session, seals
    facilitator.get(f"/workspace/votes/{large.pk}/", headers=EN)

    def page(round):
        return lambda: facilitator.get(f"/workspace/votes/{round.pk}/", headers=EN)

    assert "110 online ballots" in page_text(page(large)())
    assert group_rows(page(large)()) == [("Women", 50), ("Youths", 20), ("Elderly people", 30)]
    assert count_queries(page(large)) == count_queries(page(small))
