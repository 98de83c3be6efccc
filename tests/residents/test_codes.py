"""Participant codes, from the printed slip to the pseudonymous resident.

A code is the only thing between a stranger and a vote in a neighbourhood,
so it must be hard to guess, never kept in readable form, usable once, and
refused in a way that tells nothing about which codes exist. Guessing is
slowed down per address and per batch, but never for good. Only the
neighbourhood's facilitators (and admins) print and withdraw codes.

Here: what a code is, and issuing a batch of them. Printing them from the
server: test_code_slips.py; redeeming, refusals and throttling:
test_redeeming_codes.py; who prints and withdraws them:
test_who_prints_codes.py.
"""

import math
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from residents import codes
from residents.models import CodeBatch, ParticipantCode
from tests.helpers import EN

from ..pages.helpers import page_text
from .helpers import (
    CODE,
    EXPECTED_ALPHABET,
    LOOK_ALIKES,
    NOTHING_SAVED,
    User,
    assert_sheet_of,
    codes_page,
    hash_of,
    issue,
    join,
    neighbourhood,
    sheet_made_by,
    snapshot,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_attempt_counts")]


# --- the codes themselves -----------------------------------------------------------------


def test_a_code_is_three_groups_of_four_characters_without_look_alikes():
    assert set(codes.ALPHABET) == EXPECTED_ALPHABET
    assert len(codes.ALPHABET) == len(set(codes.ALPHABET)) == 31
    made = [codes.new_code() for _ in range(2000)]
    for code in made:
        assert CODE.fullmatch(code), code
        assert not set(code) & set(LOOK_ALIKES), code
    assert len(set(made)) == len(made)
    # Every character is drawn: a code that used fewer would be easier to guess.
    assert set("".join(made).replace("-", "")) == EXPECTED_ALPHABET


def test_a_code_carries_at_least_fifty_bits_of_chance():
    assert 12 * math.log2(31) >= 50
    assert codes.LENGTH == 12
    assert codes.LENGTH * math.log2(len(codes.ALPHABET)) >= 50


@pytest.mark.parametrize(
    "typed",
    [
        "KX7P-4MRT-9QWD",
        "kx7p-4mrt-9qwd",
        "KX7P4MRT9QWD",
        "kx7p 4mrt 9qwd",
        "  Kx7p - 4mRt - 9QwD  ",
        "KX7P–4MRT—9QWD",
        "kx7p-4mrt 9qwd\n",
    ],
)
def test_a_code_is_read_whatever_its_case_spaces_and_dashes(typed):
    assert codes.normalise(typed) == "KX7P4MRT9QWD"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "KX7P-4MRT",
        "KX7P-4MRT-9QW",
        "KX7P-4MRT-9QWDA",
        "KX7P-4MRT-9QW0",
        "KX7P-4MRT-9QWO",
        "KX7P-4MRT-9QW1",
        "KX7P-4MRT-9QWI",
        "KX7P-4MRT-9QWL",
        "KX7P-4MRT-9QW!",
        "KX7P-4MRT-9QWÑ",
    ],
)
def test_what_cannot_be_a_code_is_not_read_as_one(typed):
    assert codes.normalise(typed) is None


def test_a_code_typed_in_lower_case_with_spaces_lets_its_holder_in():
    code = issue(count=1).codes[0][1]
    typed = " " + code.lower().replace("-", " ") + " "
    response = join(typed)
    assert response.status_code == 302
    assert response["Location"] == "/join/about-you/"
    assert ParticipantCode.objects.get(code_hash=hash_of(code)).used_at is not None


def test_codes_are_kept_only_as_keyed_hashes():
    issued = issue(count=50, label="Taller en la escuela")
    typed_forms = set()
    for _number, code in issued.codes:
        typed_forms |= {code.casefold(), code.replace("-", "").casefold()}
    # Every column of both tables, read as the database holds it.
    with connection.cursor() as cursor:
        for model in (CodeBatch, ParticipantCode):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
            for row in cursor.fetchall():
                for value in row:
                    stored = str(value).casefold()
                    assert not any(form in stored for form in typed_forms), (model, value)
    stored_hashes = set(issued.batch.codes.values_list("code_hash", flat=True))
    assert stored_hashes == {hash_of(code) for _number, code in issued.codes}


# --- issuing a batch ----------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 500])
def test_a_batch_holds_from_one_to_five_hundred_numbered_codes(count):
    issued = issue(count=count)
    batch = issued.batch
    assert [number for number, _code in issued.codes] == list(range(1, count + 1))
    assert len({code for _number, code in issued.codes}) == count
    assert list(batch.codes.values_list("number", flat=True)) == list(range(1, count + 1))
    assert batch.neighbourhood == neighbourhood()


@pytest.mark.parametrize("count", [0, -1, 501])
def test_a_batch_outside_one_to_five_hundred_is_refused_and_nothing_is_stored(count):
    before = snapshot()
    with pytest.raises(ValueError):
        issue(count=count)
    assert snapshot() == before


def test_the_facilitator_downloads_the_sheet_of_a_new_batch(print_codes):
    place = neighbourhood()
    facilitator = User.objects.get(username="facilitator-lazaro-cardenas")
    client = Client()
    client.force_login(facilitator)
    before = set(CodeBatch.objects.values_list("pk", flat=True))
    data = {"count": "6", "days": "30", "label": "Taller de marzo", "paper": "a4"}
    sheet = sheet_made_by(print_codes(client, data))
    page = client.get(f"/workspace/code-sheets/{sheet.pk}/", headers=EN)
    assert "no-store" in page["Cache-Control"]
    assert "The batch was made on" in page_text(page)
    response = client.get(f"/workspace/code-sheets/{sheet.pk}/download/", headers=EN)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    (batch,) = CodeBatch.objects.exclude(pk__in=before)
    assert batch.neighbourhood == place
    assert batch.created_by == facilitator
    assert batch.label == "Taller de marzo"
    expected_end = timezone.now() + timedelta(days=30)
    assert abs(batch.expires_at - expected_end) < timedelta(minutes=5)
    assert batch.codes.count() == 6
    pdf = b"".join(response.streaming_content)
    sheet = assert_sheet_of(batch, pdf, count=6, site="http://testserver")
    # What is printed is what works: a slip from the sheet lets its holder in.
    assert join(sheet.codes[0]).status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"count": "0", "days": "30"},
        {"count": "501", "days": "30"},
        {"count": "", "days": "30"},
        {"count": "many", "days": "30"},
        {"count": "5", "days": "0"},
        {"count": "5", "days": "366"},
    ],
)
def test_a_wrong_request_for_codes_prints_nothing(client_for, data):
    place = neighbourhood()
    before = snapshot()
    response = client_for("facilitator").post(codes_page(place), data, headers=EN)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert NOTHING_SAVED in page_text(response)
    assert snapshot() == before
