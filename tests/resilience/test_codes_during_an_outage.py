"""Codes that can be guessed (participant codes, invitation codes) are not
taken while wrong attempts cannot be counted: the person is asked, in their
language, to try again in a minute, and nothing changes. When Redis is
back, codes work again."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from communities.models import Neighbourhood
from people import services as people
from residents import services as residents
from tests.helpers import EN, ES
from tests.pages.helpers import page_text

from . import answered

pytestmark = pytest.mark.django_db

CANNOT_COUNT = (
    "The site cannot check attempts at codes right now, so it cannot take yours. "
    "Nothing was changed. Please try again in a minute."
)


def participant_code():
    issued = residents.issue_batch(Neighbourhood.objects.get(slug="sanchez-taboada"), 1)
    return issued.codes[0][1]


def invitation_code():
    admin = get_user_model().objects.get(username="admin")
    return people.invite(by=admin, role="researcher").code


@pytest.mark.parametrize("kind", ["stopped", "hanging"])
def test_a_participant_code_waits_while_attempts_cannot_be_counted(own_redis, settings, kind):
    settings.CACHE_RETRY_AFTER = 0.2
    code = participant_code()
    people_before = get_user_model().objects.count()
    own_redis.stop() if kind == "stopped" else own_redis.freeze()
    client = Client()
    for headers in (EN, ES):
        response = answered(client.post, "/join/", {"code": code}, headers=headers)
        assert response.status_code == 503
        assert response["Retry-After"] == "60"
    assert CANNOT_COUNT in page_text(answered(client.post, "/join/", {"code": code}, headers=EN))
    assert get_user_model().objects.count() == people_before
    assert "_auth_user_id" not in client.session

    own_redis.start() if kind == "stopped" else own_redis.thaw()
    time.sleep(settings.CACHE_RETRY_AFTER)
    response = answered(client.post, "/join/", {"code": code}, headers=EN)
    assert response.status_code == 302
    assert get_user_model().objects.count() == people_before + 1


@pytest.mark.parametrize("kind", ["stopped", "hanging"])
def test_an_invitation_code_waits_while_attempts_cannot_be_counted(own_redis, settings, kind):
    settings.CACHE_RETRY_AFTER = 0.2
    code = invitation_code()
    own_redis.stop() if kind == "stopped" else own_redis.freeze()
    client = Client()
    response = answered(client.post, "/invitation/", {"code": code}, headers=EN)
    assert response.status_code == 503
    assert CANNOT_COUNT in page_text(response)
    assert "_invitation_code" not in client.session
    # Nor by its link: the page that reads the code from the session waits too.
    assert answered(client.get, f"/invitation/{code}/").status_code == 302
    response = answered(client.get, "/invitation/accept/", headers=EN)
    assert response.status_code == 503
    assert CANNOT_COUNT in page_text(response)

    own_redis.start() if kind == "stopped" else own_redis.thaw()
    time.sleep(settings.CACHE_RETRY_AFTER)
    response = answered(client.get, "/invitation/accept/", headers=EN)
    assert response.status_code == 200
