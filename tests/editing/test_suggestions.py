"""Residents suggest wordings during consultation; facilitators accept them
(crediting the suggester) or decline them with a reason."""

import pytest

from agendas.models import Agenda, Issue
from editing.models import Suggestion
from tests.helpers import EN, ES

from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation():
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")


def an_issue():
    return Issue.objects.filter(
        agenda__slug="lazaro-cardenas", kind="prioritised", visibility="public"
    ).first()


def suggest(client, issue, wording, reason="Clearer for the neighbourhood", **extra):
    return client.post(
        f"/suggest/issue/{issue.public_id}/",
        {"field": "title_en", "wording": wording, "reason": reason},
        **extra,
    )


def test_a_suggestion_accepted_changes_the_text_and_credits_the_resident(client_for, consultation):
    issue = an_issue()
    resident, facilitator = client_for("resident"), client_for("facilitator")
    assert "Suggest a wording" in page_text(
        resident.get("/agendas/lazaro-cardenas/consultation/", headers=EN)
    )
    new = issue.title_en + " at night"
    assert suggest(resident, issue, new).status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.status, suggestion.original) == ("pending", issue.title_en)

    review = facilitator.get("/workspace/agendas/lazaro-cardenas/suggestions/", headers=EN)
    assert "From resident-lazaro-cardenas" in page_text(review)
    assert "<ins>at </ins>" in review.content.decode() or "<ins> at night</ins>" in (
        review.content.decode()
    )
    response = facilitator.post(
        f"/workspace/suggestions/{suggestion.pk}/accept/", {"revision": issue.revision}
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.title_en == new
    history = page_text(facilitator.get(f"/workspace/issues/{issue.pk}/history/", headers=EN))
    assert (
        "facilitator-lazaro-cardenas · Issue changed · Suggested by resident-lazaro-cardenas"
        in (history)
    )
    mine = page_text(resident.get("/my-suggestions/", headers=EN))
    assert "Accepted" in mine


@pytest.mark.parametrize(
    ("headers", "needs_reason", "shown"),
    [
        (EN, "Say why it is declined: the resident will read it.", "Declined"),
        (ES, "Diga por qué se rechaza: la persona que la sugirió lo leerá.", "Rechazada"),
    ],
)
def test_a_declined_suggestion_says_why(client_for, consultation, headers, needs_reason, shown):
    issue = an_issue()
    suggest(client_for("resident"), issue, "Another title")
    suggestion = Suggestion.objects.get()
    facilitator = client_for("facilitator")
    url = f"/workspace/suggestions/{suggestion.pk}/decline/"
    refused = facilitator.post(url, {"reason": " "}, follow=True, headers=headers)
    assert needs_reason in page_text(refused)
    assert Suggestion.objects.get().status == "pending"
    facilitator.post(url, {"reason": "The workshop chose these words"})
    mine = page_text(client_for("resident").get("/my-suggestions/", headers=headers))
    assert shown in mine and "The workshop chose these words" in mine
    issue.refresh_from_db()
    assert issue.title_en != "Another title"


def test_nothing_is_suggested_outside_consultation_or_beyond_what_one_may_see(
    client_for, make_person, consultation
):
    resident = client_for("resident")
    restricted = Issue.objects.get(agenda__slug="lazaro-cardenas", visibility="restricted")
    assert resident.get(f"/suggest/issue/{restricted.public_id}/").status_code == 404
    assert suggest(resident, restricted, "Leak").status_code == 404
    stranger = make_person("resident-elsewhere", role="resident", neighbourhood="nuevo-almaguer")
    from django.test import Client

    other = Client()
    other.force_login(stranger)
    assert suggest(other, an_issue(), "Not mine").status_code in (403, 404)
    assert suggest(client_for("visitor"), an_issue(), "Anonymous").status_code == 302
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="published")
    assert suggest(resident, an_issue(), "Too late").status_code == 403
    assert resident.get("/agendas/lazaro-cardenas/consultation/").status_code == 404
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"field": "title_en", "wording": "", "reason": "x"}, "Write the wording you suggest."),
        ({"field": "title_en", "wording": "New", "reason": ""}, "Say in a few words why."),
        ({"field": "kind", "wording": "silenced", "reason": "x"}, "Choose one of the texts"),
        ({"field": "title_en", "wording": "SAME", "reason": "x"}, "This is the text as it stands"),
    ],
)
def test_a_bad_suggestion_is_refused_with_a_clear_message(client_for, consultation, data, message):
    issue = an_issue()
    if data["wording"] == "SAME":
        data = {**data, "wording": issue.title_en}
    response = client_for("resident").post(f"/suggest/issue/{issue.public_id}/", data, headers=EN)
    assert response.status_code == 400
    assert message in page_text(response)
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("role", ["resident", "other_facilitator", "researcher"])
def test_only_the_agendas_team_decides(client_for, consultation, role):
    issue = an_issue()
    suggest(client_for("resident"), issue, "A wording")
    suggestion = Suggestion.objects.get()
    client = client_for(role)
    for action, data in [("accept", {"revision": issue.revision}), ("decline", {"reason": "No"})]:
        response = client.post(f"/workspace/suggestions/{suggestion.pk}/{action}/", data)
        assert response.status_code in (302, 403, 404)
    suggestion.refresh_from_db()
    issue.refresh_from_db()
    assert suggestion.status == "pending"
    assert issue.title_en != "A wording"


def test_an_accept_after_the_text_changed_changes_nothing(client_for, consultation):
    issue = an_issue()
    suggest(client_for("resident"), issue, "Suggested title")
    suggestion = Suggestion.objects.get()
    reviewed_at = issue.revision
    Issue.objects.filter(pk=issue.pk).update(title_en="Edited meanwhile", revision=reviewed_at + 1)
    facilitator = client_for("facilitator")
    response = facilitator.post(
        f"/workspace/suggestions/{suggestion.pk}/accept/", {"revision": reviewed_at}, follow=True,
        headers=EN,
    )  # fmt: skip
    assert "The text changed since you opened this page" in page_text(response)
    issue.refresh_from_db()
    suggestion.refresh_from_db()
    assert (issue.title_en, suggestion.status) == ("Edited meanwhile", "pending")
    # Accepting twice: the second is refused.
    facilitator.post(
        f"/workspace/suggestions/{suggestion.pk}/accept/", {"revision": issue.revision}
    )
    again = facilitator.post(
        f"/workspace/suggestions/{suggestion.pk}/accept/", {"revision": issue.revision + 1},
        follow=True, headers=EN,
    )  # fmt: skip
    assert "This suggestion was already decided." in page_text(again)


def test_a_hostile_wording_stays_harmless(client_for, consultation):
    issue = an_issue()
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:x">l</a>'
    suggest(client_for("resident"), issue, evil)
    suggestion = Suggestion.objects.get()
    facilitator = client_for("facilitator")
    review = facilitator.get("/workspace/agendas/lazaro-cardenas/suggestions/").content.decode()
    assert "<script>alert" not in review and "<img" not in review
    Issue.objects.filter(pk=issue.pk).update(description_en="x")
    suggestion.field = "description_en"
    suggestion.save()
    facilitator.post(
        f"/workspace/suggestions/{suggestion.pk}/accept/",
        {"revision": Issue.objects.get(pk=issue.pk).revision},
    )
    page = facilitator.get("/agendas/lazaro-cardenas/", headers=EN).content.decode()
    body = page[page.index("<main") :]
    assert "<script>alert" not in body
    assert "onerror" not in body
    assert "javascript:" not in body
