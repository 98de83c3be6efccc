"""Codes that can be guessed (participant codes, invitation codes) are still
taken while Redis is away, and wrong ones still counted: the counts go on in
the process's own memory (core.cache.AttemptsCache), so a workshop's right
codes get in and guessing stays limited."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client

from communities.models import Neighbourhood
from people import services as people
from residents import services as residents
from tests.helpers import EN
from tests.pages.helpers import page_text

from . import answered

pytestmark = pytest.mark.django_db

WRONG_CODE = "ZZZZ-ZZZZ-ZZZZ"


def participant_code():
    issued = residents.issue_batch(Neighbourhood.objects.get(slug="sanchez-taboada"), 1)
    return issued.codes[0][1]


def invitation_code():
    admin = get_user_model().objects.get(username="admin")
    return people.invite(by=admin, role="researcher").code


def outage(own_redis, kind):
    own_redis.stop() if kind == "stopped" else own_redis.freeze()


def back(own_redis, kind, settings):
    own_redis.start() if kind == "stopped" else own_redis.thaw()
    time.sleep(settings.CACHE_RETRY_AFTER)


@pytest.fixture(autouse=True)
def _no_counts_remembered(own_redis):
    """Counts kept in memory during one test's outage do not reach the next."""
    yield
    caches["attempts"].local.clear()


@pytest.mark.parametrize("kind", ["stopped", "hanging"])
def test_a_right_participant_code_gets_in_while_redis_is_away(own_redis, settings, kind):
    settings.CACHE_RETRY_AFTER = 0.2
    code = participant_code()
    people_before = get_user_model().objects.count()
    outage(own_redis, kind)
    client = Client()
    response = answered(client.post, "/join/", {"code": code}, headers=EN)
    assert response.status_code == 302
    assert get_user_model().objects.count() == people_before + 1
    back(own_redis, kind, settings)


@pytest.mark.parametrize("kind", ["stopped", "hanging"])
def test_wrong_participant_codes_are_still_counted_while_redis_is_away(own_redis, settings, kind):
    settings.CACHE_RETRY_AFTER = 0.2
    settings.REDEEM_RATE_PER_ADDRESS = "3/10m"
    code = participant_code()
    people_before = get_user_model().objects.count()
    outage(own_redis, kind)
    client = Client()
    for _attempt in range(3):
        response = answered(client.post, "/join/", {"code": WRONG_CODE}, headers=EN)
        assert response.status_code == 400  # the form again, with its error
    # The address has used up its attempts: even a right code waits now.
    response = answered(client.post, "/join/", {"code": code}, headers=EN)
    assert response.status_code == 429
    assert get_user_model().objects.count() == people_before
    assert "_auth_user_id" not in client.session
    back(own_redis, kind, settings)


@pytest.mark.parametrize("kind", ["stopped", "hanging"])
def test_an_invitation_code_is_taken_while_redis_is_away(own_redis, settings, kind):
    settings.CACHE_RETRY_AFTER = 0.2
    code = invitation_code()
    outage(own_redis, kind)
    client = Client()
    assert answered(client.get, f"/invitation/{code}/").status_code == 302
    response = answered(client.get, "/invitation/accept/", headers=EN)
    assert response.status_code == 200
    back(own_redis, kind, settings)


def test_wrong_invitation_codes_are_still_counted_while_redis_is_away(own_redis, settings):
    settings.CACHE_RETRY_AFTER = 0.2
    settings.INVITATION_RATE_PER_ADDRESS = "3/10m"
    code = invitation_code()
    own_redis.stop()
    client = Client()
    for _attempt in range(3):
        answered(client.post, "/invitation/", {"code": WRONG_CODE}, headers=EN)
    response = answered(client.post, "/invitation/", {"code": code}, headers=EN)
    assert response.status_code == 429
    assert "_invitation_code" not in client.session
    own_redis.start()


def test_counts_go_back_to_redis_when_it_returns(own_redis, settings):
    """Once Redis answers again, wrong attempts are counted there, where
    every process sees them."""
    settings.CACHE_RETRY_AFTER = 0.2
    own_redis.stop()
    answered(Client().post, "/join/", {"code": WRONG_CODE}, headers=EN)
    own_redis.start()
    time.sleep(settings.CACHE_RETRY_AFTER)
    answered(Client().post, "/join/", {"code": WRONG_CODE}, headers=EN)
    counts = [key for key in own_redis.client().keys("*") if b"rl:" in key]
    assert counts, "no attempt was counted in Redis"
    assert "This code cannot be used" in page_text(
        answered(Client().post, "/join/", {"code": WRONG_CODE}, headers=EN)
    )
