"""Who prints and withdraws participant codes: only the neighbourhood's
facilitators and admins; withdrawing a lost slip signs its finder out."""

from urllib.parse import quote

import pytest
from django.test import Client

from residents import services
from residents.models import CodeBatch, CodeSheet, ParticipantCode
from tests.helpers import EN, ROLES

from ..pages.helpers import page_text
from .helpers import codes_page, issue, join, neighbourhood, sheet_made_by, snapshot, withdraw_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_attempt_counts")]


# --- who prints and withdraws codes -------------------------------------------------------

# fmt: off
CODES_PAGE = {
    # role                GET  POST withdraw
    "visitor":           (302, 302, 302),
    "resident":          (403, 403, 403),
    "other_facilitator": (403, 403, 403),
    "facilitator":       (200, 302, 302),
    "researcher":        (200, 403, 403),
    "admin":             (200, 302, 302),
}
# fmt: on


def assert_sign_in_redirect(response, url):
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={quote(url)}"


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_codes_page(client_for, role):
    place = neighbourhood()
    issue(count=2, label="Lote de la feria")
    url = codes_page(place)
    response = client_for(role).get(url, headers=EN)
    expected = CODES_PAGE[role][0]
    if role == "visitor":
        assert_sign_in_redirect(response, url)
        return
    assert response.status_code == expected
    if expected == 200:
        text = page_text(response)
        assert "Lote de la feria" in text
        assert "2 codes · used: 0 · withdrawn: 0" in text
        may_print = role in {"facilitator", "admin"}
        assert ("Make the codes and their sheet (PDF)" in text) is may_print
        assert ("Withdraw this slip" in text) is may_print


@pytest.mark.parametrize("role", ROLES)
def test_who_may_print_codes(client_for, demo_users, role, print_codes):
    place = neighbourhood()
    url = codes_page(place)
    before = snapshot()
    batches_before = set(CodeBatch.objects.values_list("pk", flat=True))
    response = print_codes(client_for(role), {"count": "2", "days": "7", "paper": "letter"})
    expected = CODES_PAGE[role][1]
    if role == "visitor":
        assert_sign_in_redirect(response, url)
    else:
        assert response.status_code == expected
    if expected == 302 and role != "visitor":
        sheet = sheet_made_by(response)
        assert sheet.status == CodeSheet.Status.READY
        (batch,) = CodeBatch.objects.exclude(pk__in=batches_before)
        assert sheet.batch == batch
        assert batch.neighbourhood == place
        assert batch.created_by == demo_users[role]
        assert batch.codes.count() == 2
    else:
        assert snapshot() == before
        assert not CodeSheet.objects.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("number", ["1", "all"])
def test_who_may_withdraw_codes(client_for, role, number):
    issued = issue(count=2)
    url = withdraw_url(issued.batch)
    before = snapshot()
    response = client_for(role).post(url, {"number": number, "confirm": "yes"}, headers=EN)
    expected = CODES_PAGE[role][2]
    if role == "visitor":
        assert_sign_in_redirect(response, url)
    else:
        assert response.status_code == expected
    withdrawn = expected == 302 and role != "visitor"
    if withdrawn:
        assert response["Location"] == codes_page(issued.batch.neighbourhood)
    else:
        assert snapshot() == before
    first, second = (join(code).status_code for _number, code in issued.codes)
    if withdrawn:
        assert first == 400
        assert second == (400 if number == "all" else 302)
    else:
        assert first == second == 302


def test_withdrawing_a_slip_that_is_not_there_changes_nothing(client_for):
    issued = issue(count=2)
    services.revoke_code(issued.batch, 2)
    client = client_for("facilitator")
    for number in ("2", "3", "0", "", "x"):
        before = snapshot()
        response = client.post(
            withdraw_url(issued.batch), {"number": number}, follow=True, headers=EN
        )
        assert response.status_code == 200
        text = page_text(response)
        assert (
            "No slip with that number is left to withdraw in this batch. Nothing was changed."
            in text
        )
        assert snapshot() == before


def test_withdrawing_a_whole_batch_asks_for_a_confirmation(client_for):
    issued = issue(count=2)
    before = snapshot()
    for data in ({"number": "all"}, {"number": "all", "confirm": "no"}):
        response = client_for("facilitator").post(
            withdraw_url(issued.batch), data, follow=True, headers=EN
        )
        assert "Withdraw every code of this batch?" in page_text(response)
        assert snapshot() == before
    response = client_for("facilitator").post(
        withdraw_url(issued.batch), {"number": "all", "confirm": "yes"}, follow=True, headers=EN
    )
    # The batch says it is withdrawn, and so do its counts.
    assert "2 codes · used: 0 · withdrawn: 2" in page_text(response)


@pytest.mark.parametrize("number", ["1", "all"])
def test_a_lost_slip_of_a_resident_is_withdrawn_and_signs_its_finder_out(client_for, number):
    """A used slip, lost: once withdrawn it lets nobody in as its resident,
    and whoever is signed in with it is signed out; their vote stays."""
    issued = issue(count=2)
    code = issued.codes[0][1]
    holder = Client()
    assert join(code, client=holder).status_code == 302
    resident = ParticipantCode.objects.get(batch=issued.batch, number=1).resident
    assert holder.get("/my-data/").status_code == 200
    response = client_for("facilitator").post(
        withdraw_url(issued.batch), {"number": number, "confirm": "yes"}, follow=True, headers=EN
    )
    expected = (
        "Every code of this batch is withdrawn"
        if number == "all"
        else "Slip 1 is withdrawn: no one can join or come back with it."
    )
    assert expected in page_text(response)
    assert join(code).status_code == 400
    assert holder.get("/my-data/").status_code == 302  # signed out: to the sign-in page
    resident.refresh_from_db()
    assert resident.is_active  # their participation is kept
    assert ParticipantCode.objects.get(batch=issued.batch, number=1).resident == resident
