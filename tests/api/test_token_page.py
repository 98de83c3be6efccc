"""/data/token/: researchers and admins create, replace and revoke their API
token; nobody else holds one; a token that was replaced or revoked is refused."""

import pytest
from rest_framework.authtoken.models import Token

from tests.opendata.helpers import EN

pytestmark = pytest.mark.django_db
URL = "/data/token/"


def key_of(user):
    token = Token.objects.filter(user=user).first()
    return token.key if token else None


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=/data/token/")
    assert client.post(URL, {"action": "create"}).status_code == 302
    assert not Token.objects.exists()


@pytest.mark.parametrize("role", ["resident", "facilitator", "other_facilitator"])
def test_others_may_not_hold_a_token(client_for, demo_users, role):
    client = client_for(role)
    assert client.get(URL, headers=EN).status_code == 403
    assert client.post(URL, {"action": "create"}, headers=EN).status_code == 403
    assert key_of(demo_users[role]) is None


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_create_regenerate_and_revoke(client_for, demo_users, role):
    user = demo_users[role]
    client = client_for(role)
    response = client.get(URL, headers=EN)
    assert response.status_code == 200
    assert "Authorization: Token" in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")

    client.post(URL, {"action": "create"}, headers=EN)
    first = key_of(user)
    assert first and first in client.get(URL, headers=EN).content.decode()
    client.post(URL, {"action": "create"}, headers=EN)  # a second click changes nothing
    assert key_of(user) == first

    response = client.post(URL, {"action": "regenerate"}, headers=EN)
    assert response.status_code == 302
    second = key_of(user)
    assert second and second != first

    client.post(URL, {"action": "revoke"}, headers=EN)
    assert key_of(user) is None
    for key in (first, second):
        answer = client_for("visitor").get(
            "/api/v1/issues/", HTTP_AUTHORIZATION=f"Token {key}", headers=EN
        )
        assert answer.status_code == 401


def test_an_unknown_action_changes_nothing(client_for, demo_users):
    client = client_for("researcher")
    response = client.post(URL, {"action": "steal"}, headers=EN)
    assert response.status_code == 400
    assert "Choose one of the buttons." in response.content.decode()
    assert key_of(demo_users["researcher"]) is None


def test_the_forms_need_the_csrf_token(demo_users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(demo_users["researcher"])
    assert client.post(URL, {"action": "create"}).status_code == 403
    assert key_of(demo_users["researcher"]) is None
