"""During consultation residents support a proposal once and comment on
issues and proposals; facilitators hide a comment, which is kept with who
hid it and why."""

import threading

import pytest
from django.db import connection
from django.test import Client

from agendas.models import Agenda, Issue
from demo.loader import load_demo
from editing.models import Comment, Support
from proposals.models import Proposal
from tests.helpers import EN

from ..pages.helpers import page_text

PAGE = "/agendas/lazaro-cardenas/consultation/"


def open_consultation():
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")


def a_proposal():
    return Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()


def an_issue():
    return Issue.objects.filter(agenda__slug="lazaro-cardenas", visibility="public").first()


@pytest.mark.django_db
def test_a_resident_supports_a_proposal_once(client_for):
    open_consultation()
    resident, proposal = client_for("resident"), a_proposal()
    assert resident.post(f"/support/{proposal.public_id}/").status_code == 302
    again = resident.post(f"/support/{proposal.public_id}/", follow=True, headers=EN)
    assert "You already support this proposal." in page_text(again)
    assert Support.objects.filter(proposal=proposal).count() == 1
    assert "1 person supports it" in page_text(resident.get(PAGE, headers=EN))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["visitor", "other_facilitator", "researcher"])
def test_only_residents_in_consultation_support(client_for, role):
    open_consultation()
    response = client_for(role).post(f"/support/{a_proposal().public_id}/")
    # Visitors are sent to sign in; an agenda in consultation is not even
    # there for another neighbourhood's facilitator.
    assert response.status_code in (302, 403, 404)
    assert not Support.objects.exists()


@pytest.mark.django_db
def test_no_support_outside_consultation(client_for):
    assert client_for("resident").post(f"/support/{a_proposal().public_id}/").status_code == 403
    assert not Support.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_second_support_changes_nothing_even_in_a_race():
    from django.contrib.auth import get_user_model

    load_demo()
    open_consultation()
    resident = get_user_model().objects.get(username="resident-lazaro-cardenas")
    proposal = a_proposal()
    start, statuses = threading.Barrier(8), []

    def press():
        client = Client()
        client.force_login(resident)
        start.wait()
        try:
            statuses.append(client.post(f"/support/{proposal.public_id}/").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert statuses == [302] * 8
    assert Support.objects.filter(proposal=proposal).count() == 1


@pytest.mark.django_db
def test_comments_are_published_and_a_hidden_one_is_kept_with_who_and_why(client_for):
    open_consultation()
    resident, facilitator, issue = client_for("resident"), client_for("facilitator"), an_issue()
    resident.post(
        f"/comment/issue/{issue.public_id}/", {"text": "We see this every night <b>here</b>"}
    )
    comment = Comment.objects.get()
    text = page_text(resident.get(PAGE, headers=EN))
    assert "We see this every night <b>here</b>" in text  # shown as typed, not as markup

    assert (
        resident.post(f"/workspace/comments/{comment.pk}/hide/", {"reason": "x"}).status_code == 403
    )
    refused = facilitator.post(
        f"/workspace/comments/{comment.pk}/hide/", {"reason": ""}, follow=True, headers=EN
    )
    assert "Say why it is hidden." in page_text(refused)
    facilitator.post(f"/workspace/comments/{comment.pk}/hide/", {"reason": "Names a neighbour"})
    comment.refresh_from_db()
    assert comment.hidden_by.username == "facilitator-lazaro-cardenas"
    assert comment.hidden_reason == "Names a neighbour"
    assert "We see this every night" not in page_text(resident.get(PAGE, headers=EN))
    team_view = page_text(facilitator.get(PAGE, headers=EN))
    assert "Hidden by facilitator-lazaro-cardenas: Names a neighbour" in team_view
    assert Comment.objects.count() == 1  # kept


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [(" ", "Write your comment."), ("x" * 2001, "A comment holds at most 2000 characters.")],
)
def test_a_bad_comment_is_refused_and_nothing_stored(client_for, text, message):
    open_consultation()
    response = client_for("resident").post(
        f"/comment/issue/{an_issue().public_id}/", {"text": text}, follow=True, headers=EN
    )
    assert message in page_text(response)
    assert not Comment.objects.exists()


@pytest.mark.django_db
def test_a_restricted_issue_cannot_be_commented_by_those_who_may_not_see_it(client_for):
    open_consultation()
    restricted = Issue.objects.get(agenda__slug="lazaro-cardenas", visibility="restricted")
    resident = client_for("resident")
    url = f"/comment/issue/{restricted.public_id}/"
    assert resident.post(url, {"text": "Hi"}).status_code == 404
    assert "Demo only" not in resident.get(PAGE, headers=EN).content.decode()
    assert not Comment.objects.exists()
