"""Counting a vote: the sums facilitators read must be the sums of what
residents sent; paper tallies are shown beside online ballots and weighed
in by the number of people who voted in each; online totals are shown once
the vote is closed and has enough ballots; turnout.

The groups a result is broken down by: test_result_groups.py; ordering the
agenda by a result: test_applying_results.py; what counting costs:
test_results_query_counts.py."""

import pytest

from agendas.models import Issue
from tests.pages.helpers import page_text
from tests.voting import (
    SLUG,
    many_residents,
    open_round,
    resident_with_code,
    restricted_prioritised_issue,
)
from voting import selectors, services

from .results import closed, online, paper_tallies, results_page, vote_all, workshops

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


# --- sums ---------------------------------------------------------------------------


def test_dot_results_are_the_dots_placed(client_for):
    round = open_round("dots", dots_per_voter=5, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    vote_all(
        round, [[(i[0], 3), (i[1], 2)], [(i[0], 1), (i[2], 3), (i[3], 1)], [(i[1], 3), (i[2], 2)]]
    )

    result = selectors.count_votes(round)

    assert result.ballots == 3
    assert online(result) == {issue.pk: 0 for issue in i} | {
        i[0].pk: 4, i[1].pk: 5, i[2].pk: 5, i[3].pk: 1,
    }  # fmt: skip
    # Equal counts keep the agenda's order.
    assert [row.issue for row in result.issues[:4]] == [i[1], i[2], i[0], i[3]]
    assert [round_share(row) for row in result.issues[:4]] == [33.3, 33.3, 26.7, 6.7]
    # Three ballots are never shown as totals: neither while the vote is
    # open nor once it is closed.
    text = page_text(results_page(client_for, round))
    assert "The online totals are shown when the vote closes" in text
    assert f"{i[1].title_en} not shown 0 0.0%" in text
    text = page_text(results_page(client_for, closed(round)))
    assert "Fewer than 5 online ballots: their totals are not shown" in text
    assert f"{i[1].title_en} not shown 0 0.0%" in text
    assert " 5 0 33.3%" not in text


def test_a_closed_vote_of_five_ballots_shows_its_totals(client_for):
    round = open_round("dots", dots_per_voter=5, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    vote_all(round, [[(i[0], 3), (i[1], 2)]] * 4 + [[(i[1], 1)]])

    text = page_text(results_page(client_for, closed(round)))

    assert "5 online ballots" in text
    assert "online totals are shown when the vote closes" not in text
    assert "Fewer than 5 online ballots" not in text
    assert f"{i[0].title_en} 12 0 57.1%" in text
    assert f"{i[1].title_en} 9 0 42.9%" in text


def round_share(row):
    return round(row.share, 1)


def test_approval_results_count_the_approvals():
    round = open_round("approval")
    i = list(round.ballot_issues())
    vote_all(round, [[(i[0], 1), (i[1], 1)], [(i[1], 1)], [(i[1], 1), (i[2], 1), (i[5], 1)]])

    assert {pk: n for pk, n in online(selectors.count_votes(round)).items() if n} == {
        i[0].pk: 1, i[1].pk: 3, i[2].pk: 1, i[5].pk: 1,
    }  # fmt: skip


def test_ranking_results_are_borda_points_over_the_issues_on_the_ballot():
    # A restricted priority issue is not on the ballot, so it does not add a point.
    restricted_prioritised_issue()
    round = open_round("ranking")
    i = list(round.ballot_issues())
    assert len(i) == 13  # first place is worth 12 points

    vote_all(
        round,
        [[(i[0], 1), (i[1], 2)], [(i[1], 1)], [(i[2], 1), (i[0], 2), (i[1], 3)]],
    )

    assert {pk: n for pk, n in online(selectors.count_votes(round)).items() if n} == {
        i[0].pk: 12 + 11, i[1].pk: 11 + 12 + 10, i[2].pk: 12,
    }  # fmt: skip


# --- paper tallies ------------------------------------------------------------------


def test_paper_tallies_are_shown_beside_online_ballots_and_weighed_by_voters(client_for):
    round = open_round("dots", dots_per_voter=3, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    silenced = Issue.objects.filter(agenda__slug=SLUG, kind="silenced").first()
    vote_all(round, [[(i[0], 3)], [(i[0], 1), (i[1], 2)]])
    first, second = workshops()
    paper_tallies(
        {
            first: (5, {i[0]: 1, i[1]: 4, silenced: 5}),
            second: (6, {i[0]: 1, i[1]: 2}),
        }
    )

    result = selectors.count_votes(round)

    # Online: 2 ballots, 6 points (i0 4, i1 2). Paper: 11 people, 8 dots on
    # the ballot's issues (i0 2, i1 6). Each source's share, weighed by its
    # voters: i0 = (4/6 × 2 + 2/8 × 11) / 13 = 49/156, i1 = (2/6 × 2 + 6/8 × 11) / 13 = 107/156.
    assert (result.ballots, result.paper_voters) == (2, 11)
    rows = {row.issue.pk: row for row in result.issues}
    assert (rows[i[0].pk].online, rows[i[0].pk].paper) == (4, 2)
    assert (rows[i[1].pk].online, rows[i[1].pk].paper) == (2, 6)
    assert rows[i[0].pk].share == pytest.approx(100 * 49 / 156)
    assert rows[i[1].pk].share == pytest.approx(100 * 107 / 156)
    assert [row.issue for row in result.issues[:2]] == [i[1], i[0]]
    assert sum(row.share for row in result.issues) == pytest.approx(100)
    assert silenced.pk not in rows

    # The page withholds the two online ballots: the shares are the paper's.
    text = page_text(results_page(client_for, round))
    assert "2 online ballots" in text
    assert "11 people voted on paper" in text
    assert f"{i[1].title_en} not shown 6 75.0%" in text
    assert f"{i[0].title_en} not shown 2 25.0%" in text
    assert silenced.title_en not in text


def test_a_paper_tally_of_fewer_than_five_voters_is_not_counted(client_for):
    round = open_round("approval")
    i = list(round.ballot_issues())
    first, second = workshops()
    paper_tallies({first: (5, {i[0]: 3, i[1]: 2}), second: (4, {i[2]: 4})})

    result = selectors.results(round)

    assert result.paper_voters == 5
    assert {row.issue.pk: row.paper for row in result.issues if row.paper} == {
        i[0].pk: 3, i[1].pk: 2,
    }  # fmt: skip
    text = page_text(results_page(client_for, round))
    assert "5 people voted on paper" in text
    assert "1 paper tally of fewer than 5 voters is not counted" in text
    assert f"{i[2].title_en} not shown 0 0.0%" in text


def test_paper_alone_gives_the_paper_shares():
    round = open_round("approval")
    i = list(round.ballot_issues())
    first, _second = workshops()
    paper_tallies({first: (5, {i[3]: 3, i[4]: 1})})

    result = selectors.results(round)

    rows = {row.issue.pk: row for row in result.issues}
    assert result.ballots == 0
    assert rows[i[3].pk].share == pytest.approx(75)
    assert rows[i[4].pk].share == pytest.approx(25)


# --- turnout --------------------------------------------------------------------------


def test_turnout_is_ballots_over_the_residents_of_the_neighbourhood(client_for, make_person):
    round = open_round("approval")
    i = list(round.ballot_issues())
    empty = selectors.results(round)
    assert (empty.ballots, empty.turnout) == (0, 0)
    assert all(row.share == 0 for row in empty.issues)

    # The demo resident, one who joined with a code, and six more: eight.
    resident_with_code()
    voters = vote_all(round, [[(i[0], 1)], [(i[1], 1)]])
    many_residents(4, prefix="silent")
    make_person("resident-of-tijuana", role="resident", neighbourhood="sanchez-taboada")
    make_person("second-facilitator", role="facilitator", neighbourhood=SLUG)
    services.cast_ballot(round, voters[0], {i[2].pk: 1})  # voting again is one ballot

    result = selectors.results(round)

    assert (result.ballots, result.residents, result.turnout) == (2, 8, 25)
    assert "2 online ballots from 8 residents with codes (25% turnout)" in page_text(
        results_page(client_for, round)
    )
