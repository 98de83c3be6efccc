"""Liveness and readiness answer a probe over plain HTTP on a site that
sends every other plain-HTTP request to HTTPS (SECURE_SSL_REDIRECT)."""

import pytest
from django.test import Client, override_settings


@override_settings(SECURE_SSL_REDIRECT=True)
def test_liveness_answers_over_plain_http():
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
@override_settings(SECURE_SSL_REDIRECT=True)
def test_readiness_answers_over_plain_http():
    # 200 or 503 by what runs here; never a redirect.
    response = Client().get("/health/ready/", headers={"accept": "application/json"})
    assert response.status_code in (200, 503)


@override_settings(SECURE_SSL_REDIRECT=True)
def test_every_other_page_still_moves_to_https():
    response = Client().get("/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
