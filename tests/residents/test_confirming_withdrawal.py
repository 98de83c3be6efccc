"""Withdrawing codes cannot be undone: the batches page leads to a page
that says how many unused codes stop working and how many residents are
signed out, and only the confirmed POST withdraws."""

import pytest
from django.test import Client

from residents.models import CodeBatch, ParticipantCode
from tests.helpers import EN
from tests.pages.helpers import page_text

from .helpers import codes_page, issue, join, snapshot, withdraw_url

pytestmark = pytest.mark.django_db


def test_the_batches_page_offers_withdrawal_without_withdrawing(client_for):
    issued = issue(count=3)
    body = client_for("facilitator").get(codes_page(issued.batch.neighbourhood)).content.decode()
    assert 'type="checkbox" name="confirm"' not in body, "the question is a page of its own"
    assert f'action="{withdraw_url(issued.batch)}"' in body


def test_withdrawing_a_batch_says_what_stops_working_then_withdraws(client_for):
    issued = issue(count=3)
    assert join(issued.codes[0][1], client=Client()).status_code == 302  # one used
    facilitator = client_for("facilitator")
    url = withdraw_url(issued.batch)
    before = snapshot()

    shown = facilitator.get(f"{url}?number=all", headers=EN)
    first = facilitator.post(url, {"number": "all"}, headers=EN)

    assert snapshot() == before
    assert CodeBatch.objects.get(pk=issued.batch.pk).revoked_at is None
    for response in (shown, first):
        assert response.status_code == 200
        text = page_text(response)
        assert "Withdraw every code of this batch?" in text
        assert "Codes not used yet: 2. No one will be able to join with them." in text
        assert "Codes already used: 1. The residents who joined with them are signed out" in text
        assert "A withdrawn code never works again" in text
    assert 'name="number" value="all"' in first.content.decode()

    done = facilitator.post(url, {"number": "all", "confirm": "yes"}, headers=EN)

    assert done.status_code == 302
    assert CodeBatch.objects.get(pk=issued.batch.pk).revoked_at is not None
    assert join(issued.codes[1][1]).status_code == 400


def test_withdrawing_one_slip_asks_then_withdraws_only_it(client_for):
    issued = issue(count=2)
    facilitator = client_for("facilitator")
    url = withdraw_url(issued.batch)

    first = facilitator.post(url, {"number": "2"}, headers=EN)

    assert first.status_code == 200
    text = page_text(first)
    assert "Withdraw slip 2?" in text
    assert "Codes not used yet: 1." in text
    assert not ParticipantCode.objects.filter(revoked_at__isnull=False).exists()

    assert facilitator.post(url, {"number": "2", "confirm": "yes"}).status_code == 302
    withdrawn = ParticipantCode.objects.filter(batch=issued.batch, revoked_at__isnull=False)
    assert list(withdrawn.values_list("number", flat=True)) == [2]


def test_a_slip_that_is_not_there_is_not_asked_about(client_for):
    issued = issue(count=1)
    response = client_for("facilitator").get(
        f"{withdraw_url(issued.batch)}?number=7", follow=True, headers=EN
    )
    assert "No slip with that number is left to withdraw" in page_text(response)
