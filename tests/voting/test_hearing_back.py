"""A resident hears back on their own pages: on the votes page and on each
round's ballot page, whether they took part in each round of their
neighbourhood and, once it is closed, its published result, the same
ranking the results page reads (voting.selectors.results), under the same
rules of disclosure and of who sees which issue."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from agendas.models import Agenda, Issue
from core.templatetags.numbers import percent
from tests.helpers import EN, ES, RESTRICTED_EN, RESTRICTED_ES, page_queries, signed_in
from tests.pages.helpers import page_text
from tests.voting import open_round, resident_with_code
from voting import selectors, services
from voting.models import VotingRound
from voting.views import BALLOT_TOP_ISSUES, HOME_RESULTS, HOME_TOP_ISSUES

from .results import closed, paper_tallies, vote_all, workshops

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


def voted_round(resident, *, title="Which issues first?"):
    """A dot vote in which `resident` and five neighbours voted, closed."""
    round = open_round("dots", title=title, dots_per_voter=5, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    services.cast_ballot(round, resident, {i[2].pk: 3, i[0].pk: 2})
    vote_all(
        round,
        [[(i[0], 3), (i[1], 2)], [(i[1], 3), (i[3], 2)], [(i[0], 1), (i[4], 3)]]
        + [[(i[5], 2), (i[1], 1)]] * 2,
    )
    return closed(round), i


def positions(text, titles):
    return [text.index(title) for title in titles]


def section(text, start, end=None):
    """The page's text from `start` up to `end` (or its footer)."""
    text = text[text.index(start) :]
    return text[: text.index(end or "Compare neighbourhoods")]


@pytest.mark.parametrize(
    ("url", "top"), [("/vote/", HOME_TOP_ISSUES), ("/vote/{pk}/", BALLOT_TOP_ISSUES)]
)
def test_a_resident_who_voted_sees_they_took_part_and_the_result_in_its_order(demo_users, url, top):
    round, _issues = voted_round(demo_users["resident"])
    workshop, _second = workshops()
    paper_tallies({workshop: (6, {round.ballot_issues()[3]: 9})})

    response = signed_in(demo_users["resident"]).get(url.format(pk=round.pk), headers=EN)

    text = page_text(response)
    assert "You took part." in text
    assert "You did not take part." not in text
    ranked = selectors.results(VotingRound.objects.get(pk=round.pk)).issues
    shown = [row.issue.title_en for row in ranked[:top]]
    # In the results' order, each with its share and its points.
    assert positions(text, shown) == sorted(positions(text, shown))
    first = ranked[0]
    assert f"{first.issue.title_en}: {first.share:.1f}%" in text
    assert f"{first.online} points online · {first.paper} dots on paper" in text
    # The rest is on the agenda's page.
    assert ranked[top].issue.title_en not in text
    assert f"and {len(ranked) - top} more issues" in text
    assert 'href="/agendas/lazaro-cardenas/#results"' in response.content.decode()


def test_in_spanish_the_page_says_it_with_usted_and_the_mexican_percent(demo_users):
    round, _issues = voted_round(demo_users["resident"])
    neighbour = signed_in(resident_with_code())

    mine = page_text(signed_in(demo_users["resident"]).get("/vote/", headers=ES))
    theirs = page_text(neighbour.get("/vote/", headers=ES))

    first = selectors.results(VotingRound.objects.get(pk=round.pk)).issues[0]
    assert "Usted participó." in mine
    assert "Usted no participó." in theirs
    with translation.override("es"):
        share = percent(first.share).replace("\N{NO-BREAK SPACE}", " ")
    assert share.endswith(" %")
    assert f"{first.issue.title_es}: {share}" in mine
    assert f"{first.online} puntos en línea" in mine


def test_a_resident_who_did_not_vote_sees_that_they_did_not(demo_users):
    round, _issues = voted_round(demo_users["resident"])
    neighbour = signed_in(resident_with_code())

    for url in ("/vote/", f"/vote/{round.pk}/"):
        text = page_text(neighbour.get(url, headers=EN))
        assert "You did not take part." in text, url
        assert "You took part." not in text, url
        # The result is the same for everyone.
        assert selectors.results(round).issues[0].issue.title_en in text, url
    assert "Check my ballot" not in page_text(neighbour.get("/vote/", headers=EN))


def test_an_open_round_shows_who_voted_but_no_totals(demo_users):
    round = open_round("dots", title="Still open", dots_per_voter=5, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    services.cast_ballot(round, demo_users["resident"], {i[0].pk: 3})
    vote_all(round, [[(i[0], 3), (i[1], 2)]] * 6)
    resident = signed_in(demo_users["resident"])
    neighbour = signed_in(resident_with_code())

    home = page_text(resident.get("/vote/", headers=EN))
    assert "Still open" in section(home, "Open now")
    assert "You have voted in this round." in home
    assert "You have not voted in this round yet." in page_text(neighbour.get("/vote/", headers=EN))
    ballot = page_text(resident.get(f"/vote/{round.pk}/", headers=EN))
    assert "You have voted in this round." in ballot
    for text in (home, ballot):
        assert "%" not in section(text, "Votes" if text is home else "Still open")
        assert "points online" not in text
        assert "online ballots" not in text
        assert "You took part." not in text


def test_a_closed_round_of_few_ballots_shows_no_online_totals(demo_users):
    round = open_round("dots", title="Few voters", dots_per_voter=5, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    services.cast_ballot(round, demo_users["resident"], {i[0].pk: 3})
    vote_all(round, [[(i[1], 3)]] * 2)
    closed(round)

    text = page_text(signed_in(demo_users["resident"]).get("/vote/", headers=EN))

    assert "You took part." in text
    assert "3 online ballots" in text
    assert "Fewer than 5 online ballots: their totals are not shown" in text
    assert "points online" not in text
    assert i[0].title_en not in section(text, "Closed")


def test_an_issue_made_restricted_after_the_vote_is_not_shown_to_the_resident(demo_users):
    round = open_round("dots", title="Before it was restricted")
    i = list(round.ballot_issues())
    services.cast_ballot(round, demo_users["resident"], {i[0].pk: 3})
    vote_all(round, [[(i[0], 3), (i[1], 1)]] * 5)
    Issue.objects.filter(pk=i[0].pk).update(visibility=Issue.Visibility.RESTRICTED)
    closed(round)
    resident = signed_in(demo_users["resident"])

    for url in ("/vote/", f"/vote/{round.pk}/"):
        for headers in (EN, ES):
            body = resident.get(url, headers=headers).content.decode()
            assert "You took part." in page_text(resident.get(url, headers=EN)), url
            for title in (i[0].title_en, i[0].title_es, RESTRICTED_EN, RESTRICTED_ES):
                assert title not in body, (url, title)
            assert i[1].title_en in body or i[1].title_es in body, url


def test_a_result_is_not_shown_while_its_agenda_is_not_open_to_residents(demo_users):
    round, i = voted_round(demo_users["resident"])
    Agenda.objects.filter(pk=round.agenda_id).update(status=Agenda.Status.VALIDATED)
    resident = signed_in(demo_users["resident"])

    for url in ("/vote/", f"/vote/{round.pk}/"):
        text = page_text(resident.get(url, headers=EN))
        assert "You took part." in text, url
        assert "Its result is not shown while its agenda is not open to residents." in text, url
        assert "%" not in section(text, "You took part."), url
        assert "online ballots" not in text, url
        for issue in i:
            assert issue.title_en not in text, url


def test_older_closed_rounds_link_to_their_own_page(demo_users):
    resident = demo_users["resident"]
    now = timezone.now()
    rounds = []
    for n in range(HOME_RESULTS + 1):
        round, _i = voted_round(resident, title=f"Round {n}")
        VotingRound.objects.filter(pk=round.pk).update(opens_at=now - timedelta(days=10 - n))
        rounds.append(round)

    response = signed_in(resident).get("/vote/", headers=EN)

    oldest = rounds[0]
    text = page_text(response)
    assert text.count("You took part.") == HOME_RESULTS + 1
    assert text.count("The full result, on the agenda's page") == HOME_RESULTS
    assert f'href="/vote/{oldest.pk}/">What came of this vote' in response.content.decode()


def test_the_votes_page_costs_the_same_queries_with_ten_times_the_rounds_and_ballots(
    demo_users, django_assert_max_num_queries
):
    resident = demo_users["resident"]
    client = signed_in(resident)

    def grow(rounds, voters):
        for n in range(rounds):
            round = open_round("approval", title=f"Grown {n}")
            i = list(round.ballot_issues())
            services.cast_ballot(round, resident, {i[0].pk: 1})
            vote_all(round, [[(i[n % 5], 1), (i[5], 1)]] * voters)
            services.close_round(round)
        open_round("approval", title="Open")

    grow(HOME_RESULTS, 5)
    client.get("/vote/", headers=EN)  # settles the session; seals nothing more
    before, _response = page_queries(client, "/vote/", headers=EN)
    grow(10 * HOME_RESULTS, 50)
    after, response = page_queries(client, "/vote/", headers=EN)
    assert page_text(response).count("You took part.") == 11 * HOME_RESULTS
    assert after == before
    with django_assert_max_num_queries(before):
        client.get("/vote/", headers=EN)
