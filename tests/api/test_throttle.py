"""Anonymous use of the API is limited (counted in the cache: Redis when set);
a researcher with a token is not held to the anonymous limit."""

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from tests.api.tokens import token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_anonymous_rate(monkeypatch):
    # DRF reads the rates when it is imported: the test sets them on the class.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "100/min"})
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "100/min"})
    cache.clear()
    yield
    cache.clear()


def test_anonymous_requests_beyond_the_limit_get_429_in_their_language(low_anonymous_rate):
    client = Client()
    for _ in range(3):
        assert client.get("/api/v1/cities/").status_code == 200
    response = client.get("/api/v1/cities/", headers={"accept-language": "en"})
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many requests. Try again in")
    assert int(response["Retry-After"]) > 0
    # The limit is per address, for every data set.
    assert client.get("/api/v1/issues/").status_code == 429


def test_a_researchers_token_is_not_held_to_the_anonymous_limit(low_anonymous_rate, demo_users):
    token = token_for(demo_users["researcher"])
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    for _ in range(10):
        assert Client().get("/api/v1/cities/").status_code in (200, 429)
        assert client.get("/api/v1/cities/").status_code == 200
