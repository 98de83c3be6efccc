"""Closing a round closes and seals it in one service; reading its results
writes nothing, even past its closing time (the results page seals it
first, through the service)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.voting import many_residents, open_round
from voting import selectors, services
from voting.models import Ballot, VotingRound

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def voted(method="approval", voters=6):
    round = open_round(method)
    issues = list(round.ballot_issues())
    for n, voter in enumerate(many_residents(voters, prefix=f"closing-{method}")):
        services.cast_ballot(round, voter, {issues[n % len(issues)].pk: 1})
    return round


def past_its_closing_time(round):
    now = timezone.now()
    VotingRound.objects.filter(pk=round.pk).update(
        opens_at=now - timedelta(days=2), closes_at=now - timedelta(minutes=1)
    )
    return VotingRound.objects.get(pk=round.pk)


def stored(round):
    return VotingRound.objects.values("closed_at", "sealed").get(pk=round.pk)


def test_closing_a_round_closes_and_seals_it_once():
    round = voted()
    ballots = set(Ballot.objects.filter(round=round).values_list("pk", flat=True))

    assert services.close_round(round) is True

    first = stored(round)
    assert first["closed_at"] is not None and first["sealed"]
    assert set(Ballot.objects.filter(round=round).values_list("pk", flat=True)).isdisjoint(ballots)
    # Closing again changes nothing, not even the time it closed.
    assert services.close_round(VotingRound.objects.get(pk=round.pk)) is False
    assert stored(round) == first


def test_a_round_is_not_closed_if_its_sealing_fails(monkeypatch):
    round = voted()

    def broken(round):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_seal", broken)
    with pytest.raises(RuntimeError):
        services.close_round(round)
    assert stored(round) == {"closed_at": None, "sealed": False}
    assert VotingRound.objects.get(pk=round.pk).is_open()


@pytest.mark.parametrize("method", ["dots", "approval", "ranking"])
def test_reading_a_round_past_its_closing_time_writes_nothing(method):
    round = voted(method)
    round = past_its_closing_time(round)
    ballots = sorted(Ballot.objects.filter(round=round).values_list("pk", flat=True))

    with CaptureQueriesContext(connection) as queries:
        result = selectors.results(round)
        selectors.count_votes(round)

    assert not [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert stored(round) == {"closed_at": None, "sealed": False}
    assert sorted(Ballot.objects.filter(round=round).values_list("pk", flat=True)) == ballots
    # Read as closed all the same: its totals are published.
    assert result.online_shown and result.ballots == 6


def test_the_results_page_seals_a_round_its_closing_time_closed(client_for):
    round = past_its_closing_time(voted())
    before = selectors.results(round)

    page = client_for("facilitator").get(f"/workspace/votes/{round.pk}/")

    assert page.status_code == 200
    # Sealed, and still closed by its time rather than by hand.
    assert stored(round) == {"closed_at": None, "sealed": True}
    after = selectors.results(VotingRound.objects.get(pk=round.pk))
    assert [(r.issue.pk, r.online) for r in after.issues] == [
        (r.issue.pk, r.online) for r in before.issues
    ]


def test_sealing_an_open_or_sealed_round_costs_no_query():
    open_one = voted()
    with CaptureQueriesContext(connection) as queries:
        assert services.seal_if_closed(open_one) is False
    assert len(queries) == 0
    services.close_round(open_one)
    sealed = VotingRound.objects.get(pk=open_one.pk)
    with CaptureQueriesContext(connection) as queries:
        assert services.seal_if_closed(sealed) is False
    assert len(queries) == 0


def test_applying_a_result_seals_a_round_its_closing_time_closed():
    round = past_its_closing_time(voted())
    services.apply_result(round)
    assert stored(round) == {"closed_at": None, "sealed": True}
