"""Guessing passwords is stopped: after SIGN_IN_FAILURE_LIMIT wrong
passwords for one account, or SIGN_IN_ADDRESS_FAILURE_LIMIT from one address,
sign-in is refused there for a while, with a message saying when to try
again; right passwords never count; an administrator can unlock sooner; the
facilitators of a hall on one connection do not lock each other out."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.helpers import EN, ES, PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(username, password, *, address="203.0.113.5", headers=EN, forwarded=None):
    client = Client(REMOTE_ADDR=address)
    if forwarded:
        headers = {**headers, "X-Forwarded-For": forwarded}
    response = client.post(
        "/sign-in/", {"username": username, "password": password}, headers=headers
    )
    return response


def signed_in(response):
    return response.status_code == 302


def test_wrong_passwords_lock_the_account_with_a_message_in_english_and_spanish(settings):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT - 1):
        assert sign_in("admin", "guess").status_code == 200  # the form again, with its error
    assert sign_in("admin", "guess").status_code == 429  # the last wrong one allowed
    locked = sign_in("admin", PASSWORD, address="198.51.100.7")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == settings.SIGN_IN_LOCKOUT_MINUTES * 60
    assert f"Try again in {settings.SIGN_IN_LOCKOUT_MINUTES} minutes" in locked.content.decode()
    assert "sessionid" not in locked.cookies
    spanish = sign_in("admin", PASSWORD, address="198.51.100.8", headers=ES).content.decode()
    assert f"Vuelva a intentarlo en {settings.SIGN_IN_LOCKOUT_MINUTES} minutos" in spanish
    # Another account is not held back.
    assert signed_in(sign_in("researcher", PASSWORD, address="198.51.100.7"))


def test_wrong_passwords_from_one_address_lock_that_address(settings):
    for n in range(settings.SIGN_IN_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(f"someone-{n}", "guess", address="203.0.113.77")
    assert signed_in(sign_in("researcher", PASSWORD, address="203.0.113.77"))
    # One more wrong password, even after someone's right one, closes the address.
    sign_in("someone-else", "guess", address="203.0.113.77")
    assert sign_in("researcher", PASSWORD, address="203.0.113.77").status_code == 429
    assert signed_in(sign_in("researcher", PASSWORD, address="203.0.113.78"))


def test_signing_in_to_ones_own_account_does_not_wipe_guesses_at_another(settings):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT - 1):
        sign_in("admin", "guess", address="203.0.113.60")
    assert signed_in(sign_in("researcher", PASSWORD, address="203.0.113.60"))
    sign_in("admin", "guess", address="203.0.113.60")
    assert sign_in("admin", PASSWORD, address="198.51.100.60").status_code == 429


def test_people_mistyping_on_a_shared_connection_do_not_lock_each_other_out(settings):
    """A hall's Wi-Fi: several people each get their password wrong a few
    times (never enough to lock their own account); the others still sign in."""
    assert settings.SIGN_IN_ADDRESS_FAILURE_LIMIT > settings.SIGN_IN_FAILURE_LIMIT
    hall = "203.0.113.90"
    people = (settings.SIGN_IN_ADDRESS_FAILURE_LIMIT - 1) // (settings.SIGN_IN_FAILURE_LIMIT - 1)
    assert people >= 2
    for person in range(people):
        for _ in range(settings.SIGN_IN_FAILURE_LIMIT - 1):
            assert sign_in(f"facilitator-{person}", "typo", address=hall).status_code == 200
    assert signed_in(sign_in("facilitator-lazaro-cardenas", PASSWORD, address=hall))


def test_right_passwords_never_count(settings):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT * 3):
        assert signed_in(sign_in("researcher", PASSWORD))
    # One slip between right ones does not add up either.
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT * 2):
        sign_in("researcher", "typo")
        assert signed_in(sign_in("researcher", PASSWORD))


def test_a_forged_header_does_not_make_a_new_address(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    for n in range(settings.SIGN_IN_ADDRESS_FAILURE_LIMIT):
        sign_in(f"someone-{n}", "guess", forwarded=f"198.51.100.{n}")
    assert sign_in("researcher", PASSWORD, forwarded="198.51.100.200").status_code == 429


def test_behind_a_proxy_each_client_is_counted_apart(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for n in range(settings.SIGN_IN_ADDRESS_FAILURE_LIMIT):
        sign_in(f"someone-{n}", "guess", address="10.0.0.1", forwarded="198.51.100.1")
    proxy = {"address": "10.0.0.1"}
    assert sign_in("researcher", PASSWORD, forwarded="198.51.100.1", **proxy).status_code == 429
    assert signed_in(sign_in("researcher", PASSWORD, forwarded="198.51.100.2", **proxy))


def test_an_administrator_unlocks_an_account(settings):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT):
        sign_in("researcher", "guess")
    assert sign_in("researcher", PASSWORD, address="198.51.100.9").status_code == 429
    # The admin lists the attempts (and deleting them unlocks)…
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="admin"))
    listing = admin.get("/admin/axes/accessattempt/", headers=EN)
    assert listing.status_code == 200 and "researcher" in listing.content.decode()
    # …and so does the command line.
    call_command("axes_reset_username", "researcher")
    assert not AccessAttempt.objects.filter(username="researcher").exists()
    assert signed_in(sign_in("researcher", PASSWORD, address="198.51.100.9"))


def test_no_record_is_kept_of_who_signed_in_from_where():
    from axes.models import AccessLog

    assert signed_in(sign_in("researcher", PASSWORD))
    assert not AccessLog.objects.exists()
