"""A result orders the agenda: its priority issues by the combined result of
the online ballots and the paper tallies."""

import pytest

from agendas.models import Issue
from tests.voting import SLUG, open_round, restricted_prioritised_issue
from voting import services
from voting.models import VotingRound

from .results import closed, paper_tallies, vote_all, workshops

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]


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
