"""What cannot be undone is asked first, on a page that works without
JavaScript: deleting an item or a workshop, publishing an agenda as a new
frozen version, and restricting or making public an issue. A GET shows
what will happen; a POST without the confirmation (a stale page, a form
posted from elsewhere) shows the same page and changes nothing; only the
confirmed POST acts."""

from html import unescape

import pytest

from agendas.models import Agenda, AgendaVersion, Issue
from tests.factories import WorkshopFactory
from tests.helpers import EN
from tests.pages.helpers import page_text
from tests.workspace.forms import issue_as_it_stands
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

SLUG = "lazaro-cardenas"
STATUS = f"/workspace/agendas/{SLUG}/status/"
YES = {"confirm": "yes"}


def lazaro():
    return Agenda.objects.get(slug=SLUG)


def public_issue():
    return Issue.objects.filter(agenda__slug=SLUG, visibility="public").order_by("pk").first()


# --- deleting -------------------------------------------------------------------------


def test_deleting_an_issue_asks_then_deletes(facilitator):
    issue = public_issue()
    url = f"/workspace/issues/{issue.pk}/delete/"

    shown = facilitator.get(url, headers=EN)
    first = facilitator.post(url, headers=EN)

    assert Issue.objects.filter(pk=issue.pk).exists(), "nothing is deleted before yes"
    for response in (shown, first):
        assert response.status_code == 200
        text = page_text(response)
        assert f"Delete “{issue.title_en}”?" in text
        assert "Its dots in paper tallies are deleted with it." in text
        assert "What cannot be undone" in text
        assert "cannot be brought back" in text
    assert 'name="confirm" value="yes"' in first.content.decode()

    done = facilitator.post(url, YES, headers=EN)

    assert done.status_code == 302
    assert not Issue.objects.filter(pk=issue.pk).exists()


def test_deleting_a_workshop_asks_then_deletes(facilitator, lazaro):
    workshop = WorkshopFactory(neighbourhood=lazaro, title_en="Workshop to delete")
    url = f"/workspace/workshops/{workshop.pk}/delete/"

    first = facilitator.post(url, headers=EN)

    assert first.status_code == 200
    assert "Its attendance counts and paper tallies are deleted with it." in page_text(first)
    assert Workshop.objects.filter(pk=workshop.pk).exists()
    assert facilitator.post(url, YES, headers=EN).status_code == 302
    assert not Workshop.objects.filter(pk=workshop.pk).exists()


def test_a_researcher_cannot_delete_even_with_the_confirmation(client_for):
    issue = public_issue()
    response = client_for("researcher").post(f"/workspace/issues/{issue.pk}/delete/", YES)
    assert response.status_code == 403
    assert Issue.objects.filter(pk=issue.pk).exists()


# --- publishing -----------------------------------------------------------------------


def validated():
    Agenda.objects.filter(slug=SLUG).update(status=Agenda.Status.VALIDATED)
    return AgendaVersion.objects.filter(agenda__slug=SLUG).count()


def test_publishing_asks_and_says_which_version_it_freezes(facilitator):
    versions = validated()
    public = Issue.objects.filter(agenda__slug=SLUG, visibility="public").count()

    shown = facilitator.get(f"{STATUS}?to=published", headers=EN)
    first = facilitator.post(STATUS, {"to": "published"}, headers=EN)

    assert lazaro().status == Agenda.Status.VALIDATED
    assert AgendaVersion.objects.filter(agenda__slug=SLUG).count() == versions
    for response in (shown, first):
        assert response.status_code == 200
        text = page_text(response)
        assert f"as version {versions + 1}?" in text
        assert f"frozen as version {versions + 1}" in text
        assert f"public issues: {public};" in text
        assert "A published version is never changed or withdrawn" in text

    done = facilitator.post(STATUS, {"to": "published", **YES}, headers=EN)

    assert done.status_code == 302
    assert lazaro().status == Agenda.Status.PUBLISHED
    assert AgendaVersion.objects.filter(agenda__slug=SLUG).count() == versions + 1


def test_other_moves_need_no_question(facilitator):
    validated()
    response = facilitator.post(STATUS, {"to": "consultation"}, headers=EN)
    assert response.status_code == 302
    assert lazaro().status == Agenda.Status.CONSULTATION


def test_a_move_that_is_not_allowed_is_refused_without_a_question(facilitator):
    Agenda.objects.filter(slug=SLUG).update(status=Agenda.Status.DRAFT)
    response = facilitator.post(STATUS, {"to": "published"}, headers=EN, follow=True)
    assert "An agenda cannot go from “Draft” to “Published”." in unescape(response.content.decode())
    assert lazaro().status == Agenda.Status.DRAFT


# --- restricting and making public ----------------------------------------------------


def test_restricting_a_public_issue_asks_then_restricts(facilitator):
    issue = public_issue()
    url = f"/workspace/issues/{issue.pk}/edit/"

    first = facilitator.post(url, issue_as_it_stands(issue, visibility="restricted"), headers=EN)

    issue.refresh_from_db()
    assert issue.visibility == "public"
    assert first.status_code == 200
    text = page_text(first)
    assert f"Restrict “{issue.title_en}”?" in text
    assert "only the agenda's facilitators, researchers and administrators see it" in text
    assert "cannot be taken back" in text

    confirmed = issue_as_it_stands(issue, visibility="restricted", **YES)
    assert facilitator.post(url, confirmed, headers=EN).status_code == 302
    issue.refresh_from_db()
    assert issue.visibility == "restricted"


def test_the_restricting_page_carries_what_was_typed(facilitator):
    issue = public_issue()
    typed = issue_as_it_stands(issue, visibility="restricted", title_en="Renamed and hidden")
    body = facilitator.post(f"/workspace/issues/{issue.pk}/edit/", typed).content.decode()
    assert 'name="title_en" value="Renamed and hidden"' in body
    assert 'name="visibility" value="restricted"' in body


@pytest.mark.parametrize("status", ["draft", "validated"])
def test_making_an_issue_public_asks_on_every_agenda(facilitator, status):
    Agenda.objects.filter(slug=SLUG).update(status=status)
    issue = Issue.objects.get(agenda__slug=SLUG, visibility="restricted")
    url = f"/workspace/issues/{issue.pk}/edit/"

    first = facilitator.post(url, issue_as_it_stands(issue, visibility="public"), headers=EN)

    issue.refresh_from_db()
    assert issue.visibility == "restricted"
    text = page_text(first)
    assert "as soon as the agenda is opened to consultation" in text
    assert "What cannot be undone" in text
    confirmed = issue_as_it_stands(issue, visibility="public", confirm_public="yes")
    assert facilitator.post(url, confirmed, headers=EN).status_code == 302
    issue.refresh_from_db()
    assert issue.visibility == "public"


def test_an_edit_that_keeps_the_visibility_asks_nothing(facilitator):
    issue = public_issue()
    response = facilitator.post(
        f"/workspace/issues/{issue.pk}/edit/", issue_as_it_stands(issue, title_en="Renamed")
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.title_en == "Renamed"
