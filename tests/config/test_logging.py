"""Log lines tell an operator when, how bad, where and for which request, and
never carry the secret of a link: an invitation's or password reset's token,
a participant code."""

import io
import json
import logging
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from config.log_format import JsonFormatter, TextFormatter
from config.log_privacy import MASK, mask_secrets
from residents.slips import redeem_url

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "c3kq1-0f3b9e5d7a2c4e6f8a1b"
CODE = "KX7P-29QM"


@pytest.fixture
def log_output():
    """What the site's own console handler (settings.LOGGING) writes."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    output = io.StringIO()
    previous = handler.setStream(output)
    yield output
    handler.setStream(previous)


@pytest.mark.parametrize(
    "address",
    [
        reverse("invitation-link", args=[TOKEN]),
        reverse("password-reset-link", args=["MTI", TOKEN]),
        redeem_url(CODE),
    ],
    ids=["invitation", "password-reset", "code-slip"],
)
def test_secrets_in_addresses_are_masked(address):
    for text in (f"Not Found: {address}", f'"GET {address} HTTP/1.1" 404', address.lstrip("/")):
        masked = mask_secrets(text)
        assert TOKEN not in masked and CODE not in masked and "MTI" not in masked
        assert MASK in masked


@pytest.mark.parametrize(
    "text",
    [
        "Not Found: /invitation/accept/",
        "Booklet 3f2a failed: is the broker up? no",
        "Not Found: /agendas/lazaro-cardenas/",
    ],
)
def test_addresses_without_secrets_are_kept(text):
    assert mask_secrets(text) == text


def test_the_page_a_reset_link_leads_to_keeps_its_name():
    masked = mask_secrets("Not Found: /password-reset/MTI/set-password/")
    assert masked == "Not Found: /password-reset/[masked]/set-password/"


def test_a_refused_request_is_logged_with_its_id_and_without_the_token(log_output, db):
    client = Client(enforce_csrf_checks=True)
    # No CSRF token: Django refuses the form and logs the address it was sent to.
    response = client.post(reverse("password-reset-link", args=["MTI", TOKEN]))
    assert response.status_code == 403
    lines = log_output.getvalue()
    assert "django.security.csrf" in lines
    assert "/password-reset/[masked]/[masked]/" in lines
    assert TOKEN not in lines and "MTI" not in lines
    request_id = response["X-Request-ID"]
    assert str(uuid.UUID(request_id)) == request_id
    assert f"[{request_id}]" in lines


def test_a_failure_logged_with_a_traceback_is_masked_there_too(log_output):
    try:
        raise ValueError(f"no page at {reverse('invitation-link', args=[TOKEN])}")
    except ValueError:
        logging.getLogger("booklets").exception("Booklet failed")
    lines = log_output.getvalue()
    assert "ValueError: no page at /invitation/[masked]/" in lines
    assert TOKEN not in lines


def test_json_lines_carry_time_level_logger_and_request_id(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", (redeem_url(CODE),), None
    )
    record.request_id = "7d3c2a4e-1b5f-4c8a-9e2d-3f4a5b6c7d8e"
    record.request = object()  # Django attaches the request object: not written
    record.status_code = 404
    line = json.loads(JsonFormatter().format(record))
    assert line == {
        "time": line["time"],
        "level": "WARNING",
        "logger": "django.request",
        "request_id": "7d3c2a4e-1b5f-4c8a-9e2d-3f4a5b6c7d8e",
        "message": "Not Found: http://127.0.0.1:8000/join/?[masked]",
        "status_code": 404,
    }
    assert line["time"].endswith("Z")


def test_a_text_line_outside_any_request_says_so():
    record = logging.LogRecord("booklets", logging.ERROR, __file__, 1, "Booklet failed", (), None)
    line = TextFormatter().format(record)
    assert line.endswith(" ERROR booklets [-] Booklet failed")


def test_log_format_json_makes_the_site_write_json_lines_to_standard_output():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "LOG_FORMAT": "json"}
    probe = "import django, logging; django.setup(); logging.getLogger('x').error('/invitation/t/')"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert (line["level"], line["logger"], line["message"]) == (
        "ERROR",
        "x",
        "/invitation/[masked]/",
    )


PROXY_ID = "0b7e5c1a-9d2f-4e3b-8a6c-1f2e3d4c5b6a"


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_when_the_proxy_is_trusted(client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    response = client.get("/privacy/", headers={"X-Request-ID": PROXY_ID})
    assert response["X-Request-ID"] == PROXY_ID


@pytest.mark.django_db
@pytest.mark.parametrize(
    "hops,sent", [(0, PROXY_ID), (1, "not-a-uuid"), (1, "x" * 32 + "\nforged line")]
)
def test_an_untrusted_or_invalid_request_id_is_replaced(client, settings, hops, sent):
    settings.TRUSTED_PROXY_HOPS = hops
    response = client.get("/privacy/", headers={"X-Request-ID": sent})
    returned = response["X-Request-ID"]
    assert returned != sent and str(uuid.UUID(returned)) == returned
