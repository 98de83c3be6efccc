"""Every throttle counts the address a request really comes from: with no
trusted proxy a forged X-Forwarded-For changes nothing; behind one proxy,
the address that proxy saw."""

import pytest
from django.test import Client, RequestFactory

from core.addresses import client_address
from tests.api.test_throttle import low_anonymous_rate  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def request(remote="203.0.113.9", forwarded=None):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_with_no_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_address(request(forwarded="198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_saw_counts(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    # The client wrote a made-up address first; the proxy appended the real one.
    assert client_address(request(forwarded="10.9.9.9, 198.51.100.1")) == "198.51.100.1"
    assert client_address(request(forwarded="198.51.100.1")) == "198.51.100.1"
    assert client_address(request()) == "203.0.113.9"


def test_behind_two_proxies_the_outer_one_tells(settings):
    settings.TRUSTED_PROXY_HOPS = 2
    assert client_address(request(forwarded="1.1.1.1, 198.51.100.1, 10.0.0.2")) == "198.51.100.1"


def test_garbage_from_a_proxy_counts_as_the_proxy(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_address(request(forwarded="not-an-address")) == "203.0.113.9"


@pytest.mark.usefixtures("low_anonymous_rate")
def test_a_forged_header_does_not_escape_the_api_limit(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    answers = [
        Client().get("/api/v1/cities/", headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
        for n in range(10)
    ]
    assert answers == [200] * 3 + [429] * 7


@pytest.mark.usefixtures("low_anonymous_rate")
def test_behind_a_proxy_two_clients_have_their_own_api_limit(settings):
    settings.TRUSTED_PROXY_HOPS = 1

    def ask(client_address):
        return (
            Client(REMOTE_ADDR="10.0.0.1")  # the proxy
            .get("/api/v1/cities/", headers={"X-Forwarded-For": client_address})
            .status_code
        )

    assert [ask("198.51.100.1") for _ in range(4)] == [200, 200, 200, 429]
    assert ask("198.51.100.2") == 200
