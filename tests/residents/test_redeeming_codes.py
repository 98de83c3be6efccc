"""Redeeming a participant code: it makes a pseudonymous resident; a code
that cannot be used is refused with one message whatever the reason; and
guessing is slowed down per address and per batch, never for good."""

import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone

from communities.models import ParticipantGroup
from residents import codes, services
from residents.models import ParticipantCode
from tests.helpers import EN

from ..pages.helpers import page_text
from .helpers import (
    LOOK_ALIKES,
    OTHER_ADDRESS,
    REFUSED,
    TOO_MANY,
    User,
    hash_of,
    issue,
    join,
    snapshot,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_attempt_counts")]


# --- redeeming a code ---------------------------------------------------------------------


def test_a_code_makes_a_pseudonymous_resident_of_its_neighbourhood_and_signs_them_in():
    code = issue("sanchez-taboada", count=1).codes[0][1]
    people_before = set(User.objects.values_list("pk", flat=True))
    client = Client()
    response = join(code, client=client)
    assert response.status_code == 302
    assert response["Location"] == "/join/about-you/"

    (resident,) = User.objects.exclude(pk__in=people_before)
    assert resident.username
    assert (resident.first_name, resident.last_name, resident.email) == ("", "", "")
    assert not resident.has_usable_password()
    assert not (resident.is_staff or resident.is_superuser or resident.is_researcher)
    assert list(resident.memberships.values_list("neighbourhood__slug", "role")) == [
        ("sanchez-taboada", "resident")
    ]
    used = ParticipantCode.objects.get(code_hash=hash_of(code))
    assert used.used_at is not None
    assert used.resident == resident

    following = client.get("/join/about-you/", headers=EN)
    assert following.status_code == 200
    assert following.wsgi_request.user == resident
    assert "Welcome. You are taking part anonymously." in page_text(following)


def test_the_resident_may_say_which_groups_they_belong_to_or_nothing():
    code = issue(count=1).codes[0][1]
    client = Client()
    assert join(code, client=client).status_code == 302
    resident = ParticipantCode.objects.get(code_hash=hash_of(code)).resident
    chosen = ParticipantGroup.objects.filter(slug__in=["women", "youths"])

    response = client.post(
        "/join/about-you/", {"groups": [group.pk for group in chosen]}, headers=EN
    )
    assert response.status_code == 302
    assert response["Location"] == "/vote/"
    assert set(resident.resident_profile.groups.all()) == set(chosen)

    # Saying nothing is a valid answer, and takes back what was said.
    response = client.post("/join/about-you/", {}, headers=EN)
    assert response.status_code == 302
    assert not resident.resident_profile.groups.exists()


def test_the_link_on_the_slip_fills_the_code_in():
    code = issue(count=1).codes[0][1]
    response = Client().get(f"/join/?code={quote(code)}", headers=EN)
    assert response.status_code == 200
    assert f'value="{code}"' in response.content.decode()
    # Opening the link redeems nothing: the holder still has to press Enter.
    assert ParticipantCode.objects.get(code_hash=hash_of(code)).used_at is None


def test_withdrawing_one_slip_leaves_the_others_of_its_batch_usable():
    issued = issue(count=2)
    assert services.revoke_code(issued.batch, 1)
    assert join(issued.codes[0][1]).status_code == 400
    assert join(issued.codes[1][1]).status_code == 302


# --- refusals: one message for every reason -----------------------------------------------


def live_code():
    return issue(count=1).codes[0][1]


def code_of_a_deleted_resident():
    from privacy.services import delete_resident

    code = live_code()
    delete_resident(services.redeem(code))
    return code


def withdrawn_code():
    issued = issue(count=2)
    services.revoke_code(issued.batch, 2)
    return issued.codes[1][1]


def code_of_withdrawn_batch():
    issued = issue(count=2)
    services.revoke_batch(issued.batch)
    return issued.codes[0][1]


def expired_code():
    return issue(count=1, expires_at=timezone.now() - timedelta(minutes=1)).codes[0][1]


def too_short_code():
    return live_code()[:9]


def with_look_alike(character):
    def make():
        # A live code with one character swapped for a look-alike: close to
        # a real code, yet not one.
        code = live_code()
        return code[:5] + character + code[6:]

    make.__name__ = f"with_{character}"
    return make


def nonexistent_code():
    return codes.new_code()


REFUSALS = [
    code_of_a_deleted_resident,
    withdrawn_code,
    code_of_withdrawn_batch,
    expired_code,
    too_short_code,
    *(with_look_alike(character) for character in LOOK_ALIKES),
    nonexistent_code,
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("make_code", REFUSALS, ids=lambda make: make.__name__)
def test_a_code_that_cannot_be_used_is_refused_and_nothing_is_stored(make_code, language):
    typed = make_code()
    before = snapshot()
    client = Client()
    response = join(typed, language=language, client=client)
    assert response.status_code == 400
    assert REFUSED[language] in page_text(response)
    assert snapshot() == before
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_refusal_reads_the_same_so_none_tells_whether_a_code_exists(language):
    answers = {}
    for index, make_code in enumerate(REFUSALS):
        typed = make_code()
        response = join(typed, language=language, address=f"198.51.100.{index + 1}")
        answers[make_code.__name__] = (response.status_code, page_text(response))
    assert len(set(answers.values())) == 1, answers.keys()
    ((status, text),) = set(answers.values())
    assert status == 400
    assert text.count(REFUSED[language]) == 1


# --- throttling ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_address_that_tried_too_many_codes_is_stopped(settings, language):
    settings.REDEEM_RATE_PER_ADDRESS = "4/d"
    valid = live_code()
    for _ in range(4):
        assert join(codes.new_code(), language=language).status_code == 400
    before = snapshot()
    response = join(valid, language=language)
    assert response.status_code == 429
    heading, explanation = TOO_MANY[language]
    text = page_text(response)
    assert heading in text
    assert explanation in text
    assert REFUSED[language] not in text
    # Not even a good code gets through while stopped.
    assert snapshot() == before
    # Someone typing from elsewhere is not held back.
    assert join(valid, language=language, address=OTHER_ADDRESS).status_code == 302


def test_the_stop_ends_when_its_window_has_passed(settings):
    settings.REDEEM_RATE_PER_ADDRESS = "3/2s"
    valid = live_code()
    for _ in range(3):
        assert join(codes.new_code()).status_code == 400
    # A window may end between two of these attempts and start the count
    # afresh; within one more window's worth of attempts the stop comes.
    statuses = []
    while 429 not in statuses and len(statuses) < 4:
        statuses.append(join(codes.new_code()).status_code)
    assert statuses[-1] == 429, statuses
    time.sleep(2.2)
    response = join(valid)
    assert response.status_code == 302
    assert ParticipantCode.objects.get(code_hash=hash_of(valid)).used_at is not None


def test_a_batch_tried_too_often_is_stopped_from_every_address(settings):
    settings.REDEEM_RATE_PER_BATCH = "3/d"
    issued = issue(count=2)
    (_first, withdrawn), (_second, fresh) = issued.codes
    services.revoke_code(issued.batch, 1)
    for host in range(1, 4):
        assert join(withdrawn, address=f"198.51.100.{host}").status_code == 400
    before = snapshot()
    response = join(fresh, address="198.51.100.50")
    assert response.status_code == 429
    assert TOO_MANY["en"][0] in page_text(response)
    assert snapshot() == before
    # Codes of other batches are counted apart.
    other = issue(count=1).codes[0][1]
    assert join(other, address="198.51.100.51").status_code == 302
