"""A workshop of thirty on one connection: everyone with a right code gets
in (only wrong codes count against the address), wrong codes are still
stopped, and a resident who signed out comes back with their own code to
the same votes — never as a second resident."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from communities.models import Neighbourhood
from residents import codes, services
from residents.models import ParticipantCode
from tests.helpers import EN
from tests.voting import cast, check_receipt, online_totals, open_round, receipt_of
from voting.models import Ballot, Participation

pytestmark = pytest.mark.django_db

HALL = "192.0.2.30"  # the community hall's one Wi-Fi
SLUG = "lazaro-cardenas"


def batch(count):
    return services.issue_batch(Neighbourhood.objects.get(slug=SLUG), count)


def join(code, client=None, address=HALL, **headers):
    client = client or Client()
    response = client.post("/join/", {"code": code}, headers={**EN, **headers}, REMOTE_ADDR=address)
    return client, response


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_thirty_residents_join_from_one_connection(settings):
    assert settings.REDEEM_RATE_PER_ADDRESS == "10/10m"  # the default a workshop meets
    issued = batch(30)
    people = set()
    for _number, code in issued.codes:
        client, response = join(code)
        assert response.status_code == 302, response.content.decode()[:300]
        people.add(signed_in_as(client))
    assert len(people) == 30


def test_a_slip_typed_wrong_between_right_ones_stops_no_one_with_a_right_code(settings):
    settings.REDEEM_RATE_PER_ADDRESS = "3/10m"
    issued = batch(12)
    for _number, code in issued.codes[:10]:
        assert join(code)[1].status_code == 302
    for _ in range(2):
        assert join(codes.new_code())[1].status_code == 400
    assert join(issued.codes[10][1])[1].status_code == 302
    # The third wrong one uses up the address's attempts: now even a right
    # code waits, as someone there is guessing.
    assert join(codes.new_code())[1].status_code == 400
    assert join(issued.codes[11][1])[1].status_code == 429
    assert join(issued.codes[11][1], address="192.0.2.31")[1].status_code == 302


def test_a_forged_header_does_not_make_a_guesser_a_new_address(settings):
    settings.REDEEM_RATE_PER_ADDRESS = "3/10m"
    settings.TRUSTED_PROXY_HOPS = 0
    for n in range(3):
        join(codes.new_code(), X_Forwarded_For=f"198.51.100.{n}")
    ((_number, code),) = batch(1).codes
    assert join(code, X_Forwarded_For="198.51.100.99")[1].status_code == 429


def test_behind_the_sites_proxy_each_phone_is_counted_apart(settings):
    settings.REDEEM_RATE_PER_ADDRESS = "3/10m"
    settings.TRUSTED_PROXY_HOPS = 1
    proxy = "10.0.0.1"
    for _ in range(3):
        join(codes.new_code(), address=proxy, X_Forwarded_For="198.51.100.1")
    (_n, first), (_m, second) = batch(2).codes
    assert join(first, address=proxy, X_Forwarded_For="198.51.100.1")[1].status_code == 429
    assert join(second, address=proxy, X_Forwarded_For="198.51.100.2")[1].status_code == 302


def test_a_resident_signs_out_and_back_in_with_their_code_and_changes_their_vote():
    User = get_user_model()
    round = open_round("dots")
    issues = list(round.ballot_issues())
    ((_number, code),) = batch(1).codes
    client, response = join(code)
    assert response.status_code == 302
    resident = signed_in_as(client)
    first = receipt_of(cast(client, round, {issues[0]: 3}))
    client.post("/sign-out/")
    assert signed_in_as(client) is None
    people = User.objects.count()

    # Another day, another phone: the same code, typed again.
    phone = Client()
    _phone, again = join(code.lower().replace("-", " "), client=phone)
    assert again.status_code == 302
    assert signed_in_as(phone) == resident
    # Told they are back, and taken to their votes rather than asked about themselves again.
    assert again["Location"] == "/vote/"
    welcome = phone.get("/vote/", headers=EN).content.decode()
    assert "Welcome back. You are taking part anonymously, as before." in welcome
    assert User.objects.count() == people  # never a second resident
    assert check_receipt(phone, round, first).status_code == 200
    receipt_of(cast(phone, round, {issues[1]: 2}))

    assert Ballot.objects.filter(round=round).count() == 1
    assert Participation.objects.filter(round=round).count() == 1
    assert online_totals(round) == {issues[1].pk: 2}


def test_the_join_page_and_the_slip_say_a_code_brings_one_back():
    page = Client().get("/join/", headers=EN).content.decode()
    assert "Type your own code again to come back" in page
    spanish = Client().get("/join/", headers={"accept-language": "es"}).content.decode()
    assert "Escriba de nuevo su propio código: volverá como la misma persona" in spanish


@pytest.mark.parametrize("how", ["batch", "slip"])
def test_a_withdrawn_code_signs_nobody_back_in(how):
    issued = batch(2)
    (_number, code) = issued.codes[0]
    assert join(code)[1].status_code == 302
    if how == "batch":
        services.revoke_batch(issued.batch)
    else:
        ParticipantCode.objects.filter(batch=issued.batch, number=1).update(
            revoked_at=ParticipantCode.objects.get(batch=issued.batch, number=1).used_at
        )
    client, response = join(code)
    assert response.status_code == 400
    assert signed_in_as(client) is None
