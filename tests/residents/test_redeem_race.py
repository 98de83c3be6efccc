"""Twenty people typing the same code at the same moment: exactly one
resident is made, every one of them is signed in as that resident (typing
one's code again signs one back in: it never makes a second resident), and
no one meets an error.

A slip photographed and shared in a group chat is the realistic case. Each
attempt runs in its own thread with its own database connection, so the
database itself has to settle who wins; a barrier releases them together.
"""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client

from communities.models import Membership, Neighbourhood
from demo.loader import load_demo
from residents import codes, services
from residents.models import ParticipantCode

User = get_user_model()

PEOPLE = 20


@pytest.fixture
def one_code(transactional_db):
    # A transactional test finds the database as the previous one left it.
    load_demo()
    cache.clear()
    issued = services.issue_batch(Neighbourhood.objects.get(slug="nuevo-almaguer"), 1)
    yield issued.codes[0][1]
    cache.clear()


def all_at_once(attempt):
    """Run attempt(index) in PEOPLE threads released together; return what
    each returned, or the exception it raised."""
    barrier = threading.Barrier(PEOPLE)
    outcomes = [None] * PEOPLE

    def run(index):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = attempt(index)
        except BaseException as error:  # noqa: BLE001 - every kind is reported below
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def assert_one_resident(code, people_before, memberships_before):
    (resident,) = User.objects.exclude(pk__in=people_before)
    assert Membership.objects.count() == memberships_before + 1
    assert list(resident.memberships.values_list("neighbourhood__slug", "role")) == [
        ("nuevo-almaguer", "resident")
    ]
    claimed = ParticipantCode.objects.get(code_hash=codes.code_hash(codes.normalise(code)))
    assert claimed.used_at is not None
    assert claimed.resident == resident
    return resident


def test_twenty_redeem_one_code_at_once_and_exactly_one_resident_is_made(one_code):
    people_before = set(User.objects.values_list("pk", flat=True))
    memberships_before = Membership.objects.count()

    def attempt(_index):
        try:
            return services.redeem(one_code)
        except services.CodeRefused as refusal:
            return refusal

    outcomes = all_at_once(attempt)
    others = [outcome for outcome in outcomes if not isinstance(outcome, User)]
    assert others == [], others
    resident = assert_one_resident(one_code, people_before, memberships_before)
    assert {outcome.pk for outcome in outcomes} == {resident.pk}


def test_twenty_submit_one_code_on_the_join_page_at_once_and_all_are_one_resident(one_code):
    people_before = set(User.objects.values_list("pk", flat=True))
    memberships_before = Membership.objects.count()

    def attempt(index):
        # Each from its own address, so that only the race decides, not throttling.
        response = Client().post(
            "/join/",
            {"code": one_code},
            headers={"accept-language": "en"},
            REMOTE_ADDR=f"198.51.100.{index + 1}",
        )
        return response.status_code, response.wsgi_request.user.pk

    outcomes = all_at_once(attempt)
    errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    assert errors == [], errors
    resident = assert_one_resident(one_code, people_before, memberships_before)
    assert outcomes == [(302, resident.pk)] * PEOPLE
