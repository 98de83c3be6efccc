"""A vote's result where the agenda is read: its public page, a published
version and both editions of its booklet show the ranking of the workspace's
results page (voting.selectors.results), points beside shares, and how the
two sources were counted; and they keep the rules of disclosure: no online
totals while the vote is open or with too few ballots, and no restricted
issue, nor any total its points could be worked out from."""

import time
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from agendas.cache import new_generation
from agendas.models import Issue
from booklets.rendering import booklet_html
from publication.versions import publish
from tests.comparison.helpers import tables
from tests.helpers import EN, page_queries
from tests.pages.helpers import page_text
from tests.voting import agenda, open_round, restricted_prioritised_issue
from voting import public, selectors
from voting.models import VotingRound
from workshops.models import Workshop

from .results import closed, paper_tallies, vote_all, workshops

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

URL = "/agendas/lazaro-cardenas/"


class Page:
    """Something a reader reads, as HTML."""

    def __init__(self, html):
        self.content = html.encode()


def ranking(response):
    """(place, issue, online, paper, combined) of the results table."""
    return [tuple(row) for row in tables(response)["results-table"][1:]]


def titles(response):
    return [row[1] for row in ranking(response)]


def booklet(edition, language="en", user=None):
    html = booklet_html(
        agenda(), user=user or AnonymousUser(), edition=edition, language=language, paper="a4"
    )
    return Page(html)


def a_vote_with_paper(*, ballots=6):
    """A closed dot vote of `ballots` residents and two flip charts (12 and 5
    voters). Online, the third issue leads; on paper the second does."""
    round = open_round("dots", dots_per_voter=5, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    vote_all(round, [[(i[2], 3), (i[0], 2)]] * (ballots - 1) + [[(i[1], 1)]])
    first, second = workshops()
    paper_tallies({first: (12, {i[1]: 20, i[0]: 4}), second: (5, {i[1]: 3, i[3]: 6})})
    return round, i


# --- one ranking everywhere -----------------------------------------------------------


def test_the_agenda_page_its_version_and_both_booklets_rank_as_the_results_page(
    client_for, demo_users
):
    round, _i = a_vote_with_paper()
    round = closed(round)
    facilitator = client_for("facilitator")
    workspace = facilitator.get(f"/workspace/votes/{round.pk}/", headers=EN)
    expected = ranking(workspace)
    assert len(expected) == len(list(round.ballot_issues()))
    version = publish(agenda(), None)

    read = {
        "visitor's page": client_for("visitor").get(URL, headers=EN),
        "facilitator's page": facilitator.get(URL, headers=EN),
        "version": client_for("visitor").get(version.get_absolute_url(), headers=EN),
        "public booklet": booklet("public"),
        "internal booklet": booklet("internal", user=demo_users["facilitator"]),
    }
    for name, page in read.items():
        assert ranking(page) == expected, name
    # The order is the combined one, not the agenda's nor the paper's.
    result = selectors.results(VotingRound.objects.get(pk=round.pk))
    assert titles(workspace) == [row.issue.title_en for row in result.issues]
    assert [row.issue.order for row in result.issues[:3]] != sorted(
        row.issue.order for row in result.issues[:3]
    )


def test_shares_carry_their_points_and_the_page_says_how_they_were_counted(client_for):
    round, i = a_vote_with_paper()
    closed(round)

    response = client_for("visitor").get(URL, headers=EN)
    text = page_text(response)

    # The second issue: 1 dot online, 23 on paper. Its share weighs each
    # source by its voters: (1/26 × 6 + 23/33 × 17) / 23 = 52.5 %.
    assert ranking(response)[0] == ("1", i[1].title_en, "1", "23", "52.5% (24 points)")
    # The third: 15 dots online, none on paper: 15/26 × 6 / 23 = 15.1 %.
    assert (i[2].title_en, "15", "0", "15.1% (15 points)") in [r[1:] for r in ranking(response)]
    assert "6 people voted online and 17 on paper; each source counts by its number of voters." in (
        text
    )
    assert "Issues with equal shares keep the agenda's order." in text
    assert "Online, the points are dots, as on the flip charts." in text
    # The chart says the same in words, in the same order.
    assert f"1. {i[1].title_en[:20]}" in text
    assert "Bar length: the issue's share of the combined vote" in text


def test_the_booklet_says_it_in_spanish_too():
    round, i = a_vote_with_paper()
    closed(round)
    text = page_text(booklet("public", language="es"))
    assert "6 personas votaron en línea y 17 en papel" in text
    assert "Resultado combinado de la votación, por tema" in text
    assert "(15 puntos)" in text


def test_a_version_says_its_results_are_todays_and_skips_votes_closed_after_it(client_for):
    round, _i = a_vote_with_paper()
    before = publish(agenda(), None)  # published while the vote was open
    closed(round)
    after = publish(agenda(), None)
    visitor = client_for("visitor")

    text = page_text(visitor.get(after.get_absolute_url(), headers=EN))
    assert "These are the vote's results as they stand today" in text
    assert "6 people voted online" in text
    # The text published before the vote closed shows the paper tallies only.
    text = page_text(visitor.get(before.get_absolute_url(), headers=EN))
    assert "6 people voted online" not in text
    assert "17 people voted on paper in the workshops" in text


def test_while_the_agenda_is_back_in_draft_its_versions_show_results_only_to_its_team(
    client_for,
):
    round, _i = a_vote_with_paper()
    closed(round)
    version = publish(agenda(), None)
    back = agenda()
    back.status = "draft"
    back.save()
    # The vote's totals follow voting.view_results: a closed vote of an
    # agenda the reader may see.
    visitor = client_for("visitor").get(version.get_absolute_url(), headers=EN)
    assert "Vote results" not in page_text(visitor)
    assert "results-table" not in tables(visitor)
    team = client_for("facilitator").get(version.get_absolute_url(), headers=EN)
    assert "6 people voted online" in page_text(team)


# --- disclosure -----------------------------------------------------------------------


def online_cells(response):
    return [row[2] for row in ranking(response)]


def test_an_open_vote_shows_no_online_figure_on_the_public_page(client_for):
    round, i = a_vote_with_paper()
    assert round.is_open()
    for role in ("visitor", "facilitator"):
        response = client_for(role).get(URL, headers=EN)
        text = page_text(response)
        # The paper tallies alone, ranked: the second issue leads them.
        assert ranking(response)[0][1] == i[1].title_en
        assert set(online_cells(response)) == {"not shown"}
        assert "voted online" not in text
        assert "(15 points)" not in text


def test_a_vote_closed_by_its_time_shows_on_the_cached_page_once_it_closes(client_for):
    round, _i = a_vote_with_paper()
    round.closes_at = timezone.now() + timedelta(seconds=2)
    round.save()
    visitor = client_for("visitor")
    assert "voted online" not in page_text(visitor.get(URL, headers=EN))
    # Nothing is edited when the closing time passes: the page cached while
    # the vote was open was cached only until then.
    time.sleep(2.2)
    assert "6 people voted online" in page_text(visitor.get(URL, headers=EN))


def test_a_closed_vote_of_too_few_ballots_withholds_its_online_totals(client_for):
    round, i = a_vote_with_paper(ballots=4)
    closed(round)
    response = client_for("visitor").get(URL, headers=EN)
    text = page_text(response)
    assert "4 people voted online and 17 on paper" in text
    assert "Fewer than 5 online ballots: their totals are not shown" in text
    assert "The combined result is the paper tallies' alone." in text
    assert set(online_cells(response)) == {"not shown"}
    assert ranking(response)[0][1] == i[1].title_en
    assert "(15 points)" not in text and "(11 points)" not in text


def test_a_restricted_issue_and_its_points_stay_out_of_the_public_page_and_booklet(client_for):
    hidden = restricted_prioritised_issue()
    round, i = a_vote_with_paper()
    # Its flip-chart dots: typed in by the team, like any issue's.
    third = Workshop.objects.create(
        neighbourhood=round.agenda.neighbourhood, title_en="Third workshop", date=date(2018, 6, 1)
    )
    paper_tallies({third: (9, {hidden: 40})})
    # An issue voted on online, restricted after the vote.
    later = i[2]
    closed(round)
    Issue.objects.filter(pk=later.pk).update(visibility=Issue.Visibility.RESTRICTED)
    later.refresh_from_db()

    result = public.agenda_results(agenda())
    assert result is not None
    shown = [row.issue.pk for row in result.results.issues]
    assert hidden.pk not in shown and later.pk not in shown
    # Each source's total is the sum of the issues shown: the shares add up
    # to 100 over them, so no total minus the visible parts is left over.
    assert sum(row.share for row in result.results.issues) == pytest.approx(100)
    online_total = sum(row.online or 0 for row in result.results.issues)
    paper_total = sum(row.paper for row in result.results.issues)
    ballots, paper_voters = result.results.ballots, result.results.paper_voters
    for row in result.results.issues:
        expected = (
            100
            * (row.online / online_total * ballots + row.paper / paper_total * paper_voters)
            / (ballots + paper_voters)
        )
        assert row.share == pytest.approx(expected)

    for name, page in {
        "visitor's page": client_for("visitor").get(URL, headers=EN),
        "resident's page": client_for("resident").get(URL, headers=EN),
        "public booklet": booklet("public"),
        "public booklet es": booklet("public", language="es"),
    }.items():
        text = page_text(page)
        for issue in (hidden, later):
            assert issue.title_en not in text, name
            assert issue.title_es not in text, name
        assert "(40 points)" not in text and "(40 puntos)" not in text, name
        # Where the table stops, so does the chart.
        assert len(ranking(page)) == len(shown), name


# --- cost -----------------------------------------------------------------------------


def test_the_agenda_page_costs_the_same_queries_however_many_votes_and_ballots(client_for):
    round, i = a_vote_with_paper()
    closed(round)
    visitor = client_for("visitor")

    def built():
        new_generation()  # nothing cached: the page is built from the database
        return page_queries(visitor, URL, headers=EN)

    before, _ = built()
    for n in range(3):
        more = open_round("dots", dots_per_voter=5, max_dots_per_issue=3)
        vote_all(more, [[(i[n], 2), (i[n + 1], 3)]] * (5 + 10 * n))
        closed(more)
    after, response = built()
    assert after == before
    # The vote closed last.
    assert "25 people voted online" in page_text(response)
