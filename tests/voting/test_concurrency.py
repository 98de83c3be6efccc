"""Many residents voting at the same moment, each request on its own
database connection as under a real server: every ballot is counted once,
and a resident who sends several ballots at once keeps exactly one.

These tests commit for real (other connections must see the data), so the
database is emptied after each one; the demo data is loaded again around
them for the tests that follow.
"""

import threading
import time

import pytest
from django.core.cache import cache
from django.db import connections

from demo.loader import load_demo
from tests.helpers import EN, signed_in
from tests.pages.helpers import page_text
from tests.voting import (
    ballot_data,
    check_receipt,
    many_residents,
    online_totals,
    open_round,
    receipt_of,
)
from voting import selectors, services
from voting.models import Ballot, BallotMark, Participation

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 200
# At most this many connections at once: PostgreSQL allows 100 by default,
# shared with whatever else runs against the server.
THREADS = 40
SECONDS = 60


@pytest.fixture(scope="module", autouse=True)
def demo_back_afterwards(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        load_demo()


@pytest.fixture(autouse=True)
def demo(transactional_db):
    # An earlier test committing for real may have emptied the database.
    load_demo()
    cache.clear()
    yield
    cache.clear()


def run_together(jobs, threads=THREADS):
    """Run the jobs on `threads` threads released at the same instant; each
    thread has its own connection and closes it when done. Returns the jobs'
    results in order, or raises the first error a thread met."""
    results = [None] * len(jobs)
    errors = []
    start = threading.Barrier(threads)

    def work(first):
        try:
            start.wait(timeout=SECONDS)
            for n in range(first, len(jobs), threads):
                results[n] = jobs[n]()
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    began = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=SECONDS)
    assert not any(worker.is_alive() for worker in workers), "voting did not finish in time"
    if errors:
        raise errors[0]
    return results, time.monotonic() - began


def post_ballot(client, round, marks):
    def job():
        response = client.post(f"/vote/{round.pk}/", ballot_data(round, marks), headers=EN)
        assert response.status_code == 200, page_text(response)
        return receipt_of(response)

    return job


def test_two_hundred_residents_voting_at_once_are_each_counted_once():
    round = open_round("dots", dots_per_voter=5, max_dots_per_issue=3)
    issues = list(round.ballot_issues())
    voters = many_residents(VOTERS)
    size = len(issues)
    # Two issues each, never the same one twice: every issue gets dots.
    ballots = [
        {issues[n % size]: 3, issues[(n + 1 + (n // size) % (size - 1)) % size]: 1 + n % 2}
        for n in range(VOTERS)
    ]
    sent = {}
    for marks in ballots:
        for issue, dots in marks.items():
            sent[issue.pk] = sent.get(issue.pk, 0) + dots
    jobs = [
        post_ballot(signed_in(voter), round, marks)
        for voter, marks in zip(voters, ballots, strict=True)
    ]

    receipts, seconds = run_together(jobs)

    assert seconds < SECONDS
    assert len(set(receipts)) == VOTERS
    assert Participation.objects.filter(round=round).count() == VOTERS
    assert set(Participation.objects.values_list("voter_id", flat=True)) == {v.pk for v in voters}
    assert Ballot.objects.filter(round=round).count() == VOTERS
    assert BallotMark.objects.filter(ballot__round=round).count() == sum(map(len, ballots))
    assert online_totals(round) == sent
    result = selectors.count_votes(round)
    assert result.ballots == VOTERS
    assert {row.issue.pk: row.online for row in result.issues if row.online} == sent


def test_residents_sending_several_ballots_at_once_keep_exactly_one_each():
    round = open_round("dots", dots_per_voter=5, max_dots_per_issue=3)
    issues = list(round.ballot_issues())
    voters = many_residents(5, prefix="hurried")
    tries = 4
    # Each resident sends four different ballots at the same moment, each
    # from its own signed-in session (as from two phones).
    sent = [
        (voter, {issues[(n + t) % len(issues)]: 1 + t % 3, issues[12 - t]: 1})
        for n, voter in enumerate(voters)
        for t in range(tries)
    ]
    jobs = [post_ballot(signed_in(voter), round, marks) for voter, marks in sent]

    receipts, _seconds = run_together(jobs, threads=len(jobs))

    assert Participation.objects.filter(round=round).count() == len(voters)
    assert Ballot.objects.filter(round=round).count() == len(voters)
    kept = {}
    client = signed_in(voters[0])  # checking a receipt needs no particular resident
    for (voter, marks), receipt in zip(sent, receipts, strict=True):
        assert Ballot.objects.filter(voter_key=services.voter_key(round.pk, voter.pk)).count() == 1
        if check_receipt(client, round, receipt).status_code == 200:
            assert voter not in kept, "two ballots of one resident counted"
            kept[voter] = marks
            stored = selectors.ballot_for_receipt(round, receipt, user=voter)
            assert {m.issue_id: m.points for m in stored.marks} == {
                issue.pk: dots for issue, dots in marks.items()
            }
    assert set(kept) == set(voters)
    expected = {}
    for marks in kept.values():
        for issue, dots in marks.items():
            expected[issue.pk] = expected.get(issue.pk, 0) + dots
    assert online_totals(round) == expected
