"""Error reports (Sentry) start only with a SENTRY_DSN, and what they send
says what failed, never who it failed for nor the secret of a link."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sentry_sdk
from django.test import Client
from sentry_sdk.transport import Transport

from config.error_reports import start_error_reports, without_personal_data

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "c3kq1-0f3b9e5d7a2c4e6f8a1b"
CODE = "KX7P-29QM"
SESSION = "q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3"
API_TOKEN = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"


class Kept(Transport):
    """Keeps the reports in memory: nothing leaves the machine in a test."""

    envelopes: list = []

    def capture_envelope(self, envelope):
        Kept.envelopes.append(envelope)


@pytest.fixture
def error_reports(settings):
    settings.ROOT_URLCONF = "tests.config.failing_urls"
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    Kept.envelopes = []
    start_error_reports("https://public@errors.example.invalid/1", "test", 0, transport=Kept)
    yield Kept.envelopes
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_no_error_reports_without_a_dsn():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env.pop("SENTRY_DSN", None)
    probe = "import django, sentry_sdk; django.setup(); print(sentry_sdk.get_client().is_active())"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_report_says_what_failed_and_not_who_for(error_reports, db):
    client = Client(raise_request_exception=False, REMOTE_ADDR="203.0.113.7")
    client.cookies["sessionid"] = SESSION
    response = client.get(
        f"/invitation/{TOKEN}/?code={CODE}",
        headers={"Authorization": f"Token {API_TOKEN}", "Accept-Language": "es"},
    )
    assert response.status_code == 500
    sentry_sdk.flush()
    events = [item.payload.json for e in error_reports for item in e.items if item.type == "event"]
    assert len(events) == 1
    event = events[0]
    sent = json.dumps(event)
    for secret in (TOKEN, CODE, SESSION, API_TOKEN, "203.0.113.7"):
        assert secret not in sent
    # What the report is for is still there.
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    assert (
        event["exception"]["values"][-1]["value"]
        == "could not accept /invitation/[masked]/?[masked]"
    )
    assert event["transaction"] == "/invitation/[masked]/"
    assert set(event.get("request", {}).get("headers", {})) <= {"Host", "Accept-Language"}
    assert "user" not in event and "cookies" not in event.get("request", {})
    assert event["tags"]["request_id"] == response["X-Request-ID"]


def test_whatever_collected_the_request_its_personal_parts_are_removed():
    event = {
        "message": f"Not Found: /password-reset/MTI/{TOKEN}/",
        "user": {
            "id": "12",
            "username": "facilitator-lazaro-cardenas",
            "ip_address": "203.0.113.7",
        },
        "request": {
            "url": f"https://agendas.example.org/invitation/{TOKEN}/",
            "method": "POST",
            "query_string": f"code={CODE}",
            "cookies": {"sessionid": SESSION},
            "data": {"password": "correct horse battery staple", "code": CODE},
            "env": {"REMOTE_ADDR": "203.0.113.7", "SERVER_NAME": "agendas"},
            "headers": {
                "Host": "agendas.example.org",
                "Cookie": f"sessionid={SESSION}",
                "Authorization": f"Token {API_TOKEN}",
                "X-Forwarded-For": "203.0.113.7",
                "Referer": f"https://agendas.example.org/join/?code={CODE}",
                "Accept-Language": "es-MX",
            },
        },
        "breadcrumbs": {
            "values": [{"category": "django.request", "message": f"GET /join/?code={CODE}"}]
        },
    }
    sent = without_personal_data(event, {})
    assert sent["request"] == {
        "url": "https://agendas.example.org/invitation/[masked]/",
        "method": "POST",
        "headers": {"Host": "agendas.example.org", "Accept-Language": "es-MX"},
    }
    assert "user" not in sent
    assert sent["message"] == "Not Found: /password-reset/[masked]/[masked]/"
    assert sent["breadcrumbs"]["values"][0]["message"] == "GET /join/?[masked]"
