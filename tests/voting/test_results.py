"""Counting a vote: the sums facilitators read must be the sums of what
residents sent; paper tallies are shown beside online ballots and weighed
in by the number of people who voted in each; online totals are shown once
the vote is closed and has enough ballots; no group is shown that would
single out fewer than five voters, even by subtraction; and a result can
order the agenda."""

import html
import re
from datetime import date

import pytest
from django.core.cache import cache

from agendas.models import Issue
from communities.models import ParticipantGroup
from residents.models import ResidentProfile
from tallies.models import PaperTally, TallyCount
from tests.helpers import EN, count_queries, signed_in
from tests.pages.helpers import page_text
from tests.voting import (
    SLUG,
    agenda,
    many_residents,
    open_round,
    resident_with_code,
    restricted_prioritised_issue,
)
from voting import services
from voting.models import VotingRound
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def closed(round):
    """The round, closed by hand as its facilitator does."""
    services.close_round(round)
    return VotingRound.objects.get(pk=round.pk)


def online(result):
    return {row.issue.pk: row.online for row in result.issues}


def vote_all(round, ballots):
    """Each ballot by a new resident; `ballots` are lists of (issue, value)."""
    voters = many_residents(len(ballots), prefix=f"round{round.pk}")
    for voter, marks in zip(voters, ballots, strict=True):
        services.cast_ballot(round, voter, {issue.pk: value for issue, value in marks})
    return voters


def results_page(client_for, round):
    response = client_for("facilitator").get(f"/workspace/votes/{round.pk}/", headers=EN)
    assert response.status_code == 200
    return response


def by_group_text(response):
    text = page_text(response)
    return text[text.index("Online ballots by group") :]


def group_rows(response):
    """(group, voters) as the by-group table shows them."""
    body = response.content.decode()
    section = body[body.index('id="by-group"') :]
    return [
        (html.unescape(name), int(voters))
        for name, voters in re.findall(r'<tr><th scope="row">([^<]*)</th><td>(\d+)</td>', section)
    ]


# --- sums ---------------------------------------------------------------------------


def test_dot_results_are_the_dots_placed(client_for):
    round = open_round("dots", dots_per_voter=5, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    vote_all(
        round, [[(i[0], 3), (i[1], 2)], [(i[0], 1), (i[2], 3), (i[3], 1)], [(i[1], 3), (i[2], 2)]]
    )

    result = services.count_votes(round)

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

    assert {pk: n for pk, n in online(services.count_votes(round)).items() if n} == {
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

    assert {pk: n for pk, n in online(services.count_votes(round)).items() if n} == {
        i[0].pk: 12 + 11, i[1].pk: 11 + 12 + 10, i[2].pk: 12,
    }  # fmt: skip


# --- paper tallies ------------------------------------------------------------------


def paper_tallies(counts_by_workshop):
    """{workshop: (voters, {issue: dots})} as typed into the workspace."""
    the_agenda = agenda()
    for workshop, (voters, counts) in counts_by_workshop.items():
        tally = PaperTally.objects.create(workshop=workshop, agenda=the_agenda, voters=voters)
        for issue, dots in counts.items():
            TallyCount.objects.create(tally=tally, issue=issue, dots=dots)


def workshops():
    first = Workshop.objects.get(neighbourhood__slug=SLUG)
    second = Workshop.objects.create(
        neighbourhood=first.neighbourhood, title_en="Second workshop", date=date(2018, 5, 4)
    )
    return first, second


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

    result = services.count_votes(round)

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

    result = services.results(round)

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

    result = services.results(round)

    rows = {row.issue.pk: row for row in result.issues}
    assert result.ballots == 0
    assert rows[i[3].pk].share == pytest.approx(75)
    assert rows[i[4].pk].share == pytest.approx(25)


# --- turnout --------------------------------------------------------------------------


def test_turnout_is_ballots_over_the_residents_of_the_neighbourhood(client_for, make_person):
    round = open_round("approval")
    i = list(round.ballot_issues())
    empty = services.results(round)
    assert (empty.ballots, empty.turnout) == (0, 0)
    assert all(row.share == 0 for row in empty.issues)

    # The demo resident, one who joined with a code, and six more: eight.
    resident_with_code()
    voters = vote_all(round, [[(i[0], 1)], [(i[1], 1)]])
    many_residents(4, prefix="silent")
    make_person("resident-of-tijuana", role="resident", neighbourhood="sanchez-taboada")
    make_person("second-facilitator", role="facilitator", neighbourhood=SLUG)
    services.cast_ballot(round, voters[0], {i[2].pk: 1})  # voting again is one ballot

    result = services.results(round)

    assert (result.ballots, result.residents, result.turnout) == (2, 8, 25)
    assert "2 online ballots from 8 residents with codes (25% turnout)" in page_text(
        results_page(client_for, round)
    )


# --- groups -------------------------------------------------------------------------


def group(slug):
    return ParticipantGroup.objects.get(slug=slug)


def voters_in(round, slug, count, marks, *, prefix):
    """`count` residents of one group (as they said on joining), each casting `marks`."""
    voters = many_residents(count, prefix=prefix)
    for voter in voters:
        if slug:
            ResidentProfile.objects.create(user=voter).groups.set([group(slug)])
        services.cast_ballot(round, voter, {issue.pk: value for issue, value in marks})
    return voters


def test_groups_of_five_are_shown_and_smaller_ones_merged_into_other_groups(client_for):
    round = open_round("approval")
    i = list(round.ballot_issues())
    # One says so on the site, as residents do after joining.
    said = resident_with_code()
    client = signed_in(said)
    assert client.post("/join/about-you/", {"groups": [group("women").pk]}).status_code == 302
    services.cast_ballot(round, said, {i[0].pk: 1, i[1].pk: 1})
    voters_in(round, "women", 4, [(i[0], 1)], prefix="woman")
    voters_in(round, "youths", 3, [(i[2], 1)], prefix="youth")
    voters_in(round, "elderly", 2, [(i[3], 1), (i[2], 1)], prefix="elder")
    voters_in(round, None, 5, [(i[4], 1)], prefix="unsaid")

    round = closed(round)
    result = services.results(round)

    points = {group: dict(zip([row.issue.pk for row in result.issues], values, strict=True))
              for group, _voters, values in result.groups}  # fmt: skip
    assert [(g, voters) for g, voters, _points in result.groups] == [
        (group("women"), 5),
        (None, 5),
    ]
    assert {pk: n for pk, n in points[group("women")].items() if n} == {i[0].pk: 5, i[1].pk: 1}
    assert {pk: n for pk, n in points[None].items() if n} == {i[2].pk: 5, i[3].pk: 2}

    assert group_rows(results_page(client_for, round)) == [("Women", 5), ("Other groups", 5)]


def test_no_group_is_shown_while_the_vote_is_open(client_for):
    round = open_round("approval")
    i = list(round.ballot_issues())
    voters_in(round, "women", 5, [(i[0], 1)], prefix="woman")
    voters_in(round, "youths", 5, [(i[2], 1)], prefix="youth")
    voters_in(round, None, 5, [(i[4], 1)], prefix="unsaid")

    assert services.results(round).groups == []
    page = results_page(client_for, round)
    assert group_rows(page) == []
    assert "The groups are shown with the online totals." in by_group_text(page)

    assert [(g, n) for g, n, _points in services.results(closed(round)).groups] == [
        (group("women"), 5),
        (group("youths"), 5),
    ]


def test_other_groups_are_withheld_when_the_total_minus_the_rows_shown_is_fewer_than_five(
    client_for,
):
    # 14 voters: women 5, other groups 5, so the four who said nothing would
    # be the total minus the two rows. Women alone leave nine: shown.
    round = open_round("approval")
    i = list(round.ballot_issues())
    voters_in(round, "women", 5, [(i[0], 1)], prefix="woman")
    voters_in(round, "youths", 3, [(i[2], 1)], prefix="youth")
    voters_in(round, "elderly", 2, [(i[3], 1)], prefix="elder")
    voters_in(round, None, 4, [(i[4], 1)], prefix="unsaid")

    round = closed(round)

    assert [(g, n) for g, n, _points in services.results(round).groups] == [(group("women"), 5)]
    assert group_rows(results_page(client_for, round)) == [("Women", 5)]


def test_small_groups_too_few_together_are_not_shown_at_all(client_for):
    round = open_round("approval")
    i = list(round.ballot_issues())
    # Four voters in three groups: even merged they are fewer than five.
    voters_in(round, "youths", 2, [(i[2], 1)], prefix="youth")
    voters_in(round, "elderly", 1, [(i[3], 1)], prefix="elder")
    voters_in(round, "men", 1, [(i[5], 1)], prefix="man")
    voters_in(round, None, 6, [(i[5], 1)], prefix="unsaid")

    round = closed(round)
    result = services.results(round)

    assert result.groups == []
    assert services.group_breakdown(round, result.ballots) == []
    page = results_page(client_for, round)
    assert group_rows(page) == []
    assert "Not enough voters said which groups they belong to." in by_group_text(page)


def test_a_group_of_five_is_withheld_when_the_rest_is_too_few(client_for):
    # The total minus the youths would be the four elderly voters' ballots.
    round = open_round("approval")
    i = list(round.ballot_issues())
    voters_in(round, "youths", 5, [(i[2], 1)], prefix="youth")
    voters_in(round, "elderly", 4, [(i[3], 1)], prefix="elder")

    round = closed(round)
    result = services.results(round)

    assert [row.online for row in result.issues if row.online] == [5, 4]
    # All nine said they belong to some group: "other groups" are everyone.
    assert [(g, n) for g, n, _points in result.groups] == [(None, 9)]
    assert group_rows(results_page(client_for, round)) == [("Other groups", 9)]


def test_a_group_of_five_nested_in_another_is_withheld_when_the_difference_is_fewer_than_five():
    # Six women, five of them youths: women minus youths is one woman's ballot.
    round = open_round("approval")
    i = list(round.ballot_issues())
    for n in range(5):
        (voter,) = many_residents(1, prefix=f"young-woman-{n}")
        ResidentProfile.objects.create(user=voter).groups.set([group("women"), group("youths")])
        services.cast_ballot(round, voter, {i[0].pk: 1})
    voters_in(round, "women", 1, [(i[1], 1)], prefix="woman")
    voters_in(round, None, 6, [(i[2], 1)], prefix="unsaid")

    result = services.results(closed(round))

    shown = [(g, n) for g, n, _points in result.groups]
    assert shown in ([(group("women"), 6)], [(group("youths"), 5)])


# --- ordering the agenda by the result ----------------------------------------------


def test_applying_a_result_orders_the_priority_issues_by_the_combined_result(client_for):
    restricted = restricted_prioritised_issue(order=0)
    silenced_before = dict(
        Issue.objects.filter(agenda__slug=SLUG, kind="silenced").values_list("pk", "order")
    )
    round = open_round("dots", dots_per_voter=5, max_dots_per_issue=3)
    i = list(round.ballot_issues())
    # Online alone would put i5 first; the paper tally of five people puts
    # i2 first in the combined result: i2 = (2/5 × 5 + 10/10 × 5) / 10, i5 = (3/5 × 5) / 10.
    vote_all(round, [[(i[5], 3), (i[2], 2)]] * 5)
    first, _second = workshops()
    paper_tallies({first: (5, {i[2]: 10})})
    round = closed(round)

    response = client_for("facilitator").post(f"/workspace/votes/{round.pk}/apply/")

    assert response.status_code == 302
    ordered = list(
        Issue.objects.filter(agenda__slug=SLUG, kind="prioritised").order_by("order", "pk")
    )
    rest = [issue for issue in i if issue not in (i[2], i[5])]
    assert ordered == [i[2], i[5], *rest, restricted]
    assert [issue.order for issue in ordered] == list(range(len(ordered)))
    assert silenced_before == dict(
        Issue.objects.filter(agenda__slug=SLUG, kind="silenced").values_list("pk", "order")
    )


def test_applying_the_same_result_again_changes_nothing():
    round = open_round("approval")
    i = list(round.ballot_issues())
    vote_all(round, [[(i[7], 1)]] * 3 + [[(i[7], 1), (i[3], 1)]] * 2)
    round = closed(round)
    services.apply_result(round)
    once = dict(Issue.objects.filter(agenda__slug=SLUG).values_list("pk", "order"))

    services.apply_result(VotingRound.objects.get(pk=round.pk))

    assert dict(Issue.objects.filter(agenda__slug=SLUG).values_list("pk", "order")) == once
    assert Issue.objects.get(pk=i[7].pk).order == 0
    assert Issue.objects.get(pk=i[3].pk).order == 1


def test_applying_an_open_vote_uses_no_online_ballot():
    # The agenda's order is public: ordering it by an open vote would show
    # each ballot as it changes.
    round = open_round("approval")
    i = list(round.ballot_issues())
    before = dict(Issue.objects.filter(agenda__slug=SLUG).values_list("pk", "order"))
    vote_all(round, [[(i[7], 1)]] * 6)

    services.apply_result(round)

    assert dict(Issue.objects.filter(agenda__slug=SLUG).values_list("pk", "order")) == before


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
        services.results(round)  # sealed once
    assert services.results(large).ballots == 110
    assert [len(g) for g in (services.results(small).groups, services.results(large).groups)] == [
        1,
        3,
    ]

    def fresh(round):
        return lambda: services.results(VotingRound.objects.get(pk=round.pk))

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


def test_one_voter_in_several_small_groups_counts_once_in_other_groups():
    """Five small groups of one and the same person are one voter: no
    "other groups" row may show that person's ballot."""
    round = open_round("approval")
    issue = round.ballot_issues().first()
    (voter,) = many_residents(1, prefix="many-groups")
    profile = ResidentProfile.objects.create(user=voter)
    profile.groups.set(ParticipantGroup.objects.exclude(slug="unrecorded")[:5])
    services.cast_ballot(round, voter, {issue.pk: 1})
    voters_in(round, None, 5, [(issue, 1)], prefix="unsaid")

    round = closed(round)
    assert services.group_breakdown(round, 6) == []
    assert services.results(round).groups == []
