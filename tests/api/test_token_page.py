"""/data/token/: researchers and admins create, replace and revoke their API
token; nobody else holds one; a token that was replaced or revoked is
refused. Only a hash of a token is kept: it is shown once, on the page that
made it, and never again — not on the page, not in the database."""

import re
from html import unescape

import pytest
from django.db import connection
from knox.models import AuthToken

from tests.helpers import EN

pytestmark = pytest.mark.django_db
URL = "/data/token/"


def shown(response):
    """The token a page shows, if any."""
    match = re.search(r'id="token-key"[^>]*value="([^"]+)"', response.content.decode())
    return unescape(match.group(1)) if match else None


def reads_the_api(token):
    from django.test import Client

    answer = Client().get("/api/v1/issues/", HTTP_AUTHORIZATION=f"Token {token}", headers=EN)
    return answer.status_code


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=/data/token/")
    assert client.post(URL, {"action": "create"}).status_code == 302
    assert not AuthToken.objects.exists()


@pytest.mark.parametrize("role", ["resident", "facilitator", "other_facilitator"])
def test_others_may_not_hold_a_token(client_for, demo_users, role):
    client = client_for(role)
    assert client.get(URL, headers=EN).status_code == 403
    assert client.post(URL, {"action": "create"}, headers=EN).status_code == 403
    assert not AuthToken.objects.filter(user=demo_users[role]).exists()


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_create_regenerate_and_revoke(client_for, demo_users, role):
    user = demo_users[role]
    client = client_for(role)
    response = client.get(URL, headers=EN)
    assert response.status_code == 200
    assert "Authorization: Token" in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")

    made = client.post(URL, {"action": "create"}, headers=EN)
    assert made["Cache-Control"].startswith("max-age=0")
    first = shown(made)
    assert first and reads_the_api(first) == 200
    assert "shown only this once" in made.content.decode()
    # Never again: not on the page, not on a second click.
    assert shown(client.get(URL, headers=EN)) is None
    assert first not in client.get(URL, headers=EN).content.decode()
    again = client.post(URL, {"action": "create"}, follow=True, headers=EN)
    assert shown(again) is None and "You already have a token" in again.content.decode()
    assert AuthToken.objects.filter(user=user).count() == 1

    second = shown(client.post(URL, {"action": "regenerate"}, headers=EN))
    assert second and second != first
    assert reads_the_api(second) == 200 and reads_the_api(first) == 401

    client.post(URL, {"action": "revoke"}, headers=EN)
    assert not AuthToken.objects.filter(user=user).exists()
    assert reads_the_api(second) == 401


def test_the_database_keeps_no_token_in_plain_text(client_for):
    token = shown(client_for("researcher").post(URL, {"action": "create"}, headers=EN))
    with connection.cursor() as cursor:
        cursor.execute("SELECT digest, token_key FROM knox_authtoken")
        rows = cursor.fetchall()
    assert rows and all(token not in column for row in rows for column in row)


def test_a_token_kept_in_plain_text_before_keeps_working_and_its_table_goes(demo_users):
    """An install from before hashing had its tokens in authtoken_token."""
    from importlib import import_module

    from django.apps import apps

    legacy = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
            "created timestamp, user_id integer)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, %s, %s)",
            [legacy, "2026-01-01 00:00:00", demo_users["researcher"].pk],
        )

    class Editor:
        """What the migration uses of a schema editor (SQLite allows no real
        one inside the test's transaction)."""

        connection = connection

        def execute(self, sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    migration = import_module("opendata.migrations.0001_hashed_api_tokens")
    migration.hash_legacy_tokens(apps, Editor())

    assert "authtoken_token" not in connection.introspection.table_names()
    assert reads_the_api(legacy) == 200


def test_an_unknown_action_changes_nothing(client_for, demo_users):
    client = client_for("researcher")
    response = client.post(URL, {"action": "steal"}, headers=EN)
    assert response.status_code == 400
    assert "Choose one of the buttons." in response.content.decode()
    assert not AuthToken.objects.filter(user=demo_users["researcher"]).exists()


def test_the_forms_need_the_csrf_token(demo_users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(demo_users["researcher"])
    assert client.post(URL, {"action": "create"}).status_code == 403
    assert not AuthToken.objects.filter(user=demo_users["researcher"]).exists()
