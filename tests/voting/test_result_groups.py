"""The online ballots of a vote by group: no group is shown that would
single out fewer than five voters, even by subtraction."""

import pytest

from communities.models import ParticipantGroup
from residents.models import ResidentProfile
from tests.helpers import signed_in
from tests.voting import many_residents, open_round, resident_with_code
from voting import selectors, services

from .results import by_group_text, closed, group, group_rows, results_page, voters_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


# --- groups -------------------------------------------------------------------------


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
    result = selectors.results(round)

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

    assert selectors.results(round).groups == []
    page = results_page(client_for, round)
    assert group_rows(page) == []
    assert "The groups are shown with the online totals." in by_group_text(page)

    assert [(g, n) for g, n, _points in selectors.results(closed(round)).groups] == [
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

    assert [(g, n) for g, n, _points in selectors.results(round).groups] == [(group("women"), 5)]
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
    result = selectors.results(round)

    assert result.groups == []
    assert selectors.group_breakdown(round, result.ballots) == []
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
    result = selectors.results(round)

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

    result = selectors.results(closed(round))

    shown = [(g, n) for g, n, _points in result.groups]
    assert shown in ([(group("women"), 6)], [(group("youths"), 5)])


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
    assert selectors.group_breakdown(round, 6) == []
    assert selectors.results(round).groups == []
