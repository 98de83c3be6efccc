"""Two people edit the same text: the second to save is shown both texts
and the difference, and nothing is silently overwritten."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from agendas.models import Issue, Section
from demo.loader import load_demo
from editing.diff import Piece, word_diff
from proposals.models import Proposal
from tests.helpers import EN

from ..pages.helpers import page_text


def issue_form(issue, title_en, revision):
    return {
        "title_es": issue.title_es,
        "title_en": title_en,
        "dimension": issue.dimension_id,
        "kind": issue.kind,
        "visibility": issue.visibility,
        "revision": revision,
    }


def first_issue():
    return Issue.objects.filter(agenda__slug="lazaro-cardenas", kind="prioritised").first()


def test_words_that_changed_are_marked():
    assert word_diff("Lack of trust in the police", "Lack of trust in the municipal police") == [
        Piece("same", "Lack of trust in the "),
        Piece("added", "municipal "),
        Piece("same", "police"),
    ]
    assert word_diff("", "New") == [Piece("added", "New")]


@pytest.mark.django_db
def test_a_stale_save_shows_both_texts_and_changes_nothing(client_for):
    issue = first_issue()
    opened_at = issue.revision
    url = f"/workspace/issues/{issue.pk}/edit/"
    admin, facilitator = client_for("admin"), client_for("facilitator")
    assert (
        admin.post(url, issue_form(issue, "Robberies at the market", opened_at)).status_code == 302
    )

    response = facilitator.post(
        url, issue_form(issue, "Assaults on the bus", opened_at), headers=EN
    )

    assert response.status_code == 409
    text = page_text(response)
    assert "Someone saved this text while you were editing it" in text
    assert "admin saved it after you opened it" in text
    assert "Saved meanwhile Robberies at the market" in text
    assert "Yours Assaults on the bus" in text
    body = response.content.decode()
    assert "<del>Robberies</del><ins>Assaults</ins>" in body
    assert "<del>market</del><ins>bus</ins>" in body
    issue.refresh_from_db()
    assert issue.title_en == "Robberies at the market"
    assert issue.revision == opened_at + 1
    # The form shown back carries their text and the new revision: saving it
    # again is a choice made knowingly.
    assert 'value="Assaults on the bus"' in body
    revision = int(re.search(r'name="revision" value="(\d+)"', body).group(1))
    assert revision == opened_at + 1
    again = facilitator.post(url, issue_form(issue, "Assaults on the bus", revision))
    assert again.status_code == 302
    issue.refresh_from_db()
    assert (issue.title_en, issue.revision) == ("Assaults on the bus", opened_at + 2)


@pytest.mark.django_db
def test_in_spanish_too(client_for):
    issue = first_issue()
    url = f"/workspace/issues/{issue.pk}/edit/"
    client_for("admin").post(url, issue_form(issue, "One", issue.revision))
    response = client_for("facilitator").post(
        url, issue_form(issue, "Two", issue.revision), headers={"accept-language": "es"}
    )
    assert response.status_code == 409
    assert "Alguien guardó este texto mientras usted lo editaba" in page_text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["proposal", "section"])
def test_proposals_and_sections_are_guarded_the_same_way(client_for, kind):
    if kind == "proposal":
        item = Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()
        url = f"/workspace/proposals/{item.pk}/edit/"

        def form(text, revision):
            return {"actor": item.actor, "text_es": item.text_es, "text_en": text,
                    "revision": revision}  # fmt: skip
    else:
        item = Section.objects.filter(agenda__slug="lazaro-cardenas").first()
        url = f"/workspace/sections/{item.pk}/edit/"

        def form(text, revision):
            return {"body_es": item.body_es, "body_en": text, "revision": revision}

    opened_at = item.revision
    assert client_for("admin").post(url, form("Theirs.", opened_at)).status_code == 302
    response = client_for("facilitator").post(url, form("Mine.", opened_at), headers=EN)
    assert response.status_code == 409
    item.refresh_from_db()
    assert (item.text_en if kind == "proposal" else item.body_en) == "Theirs."


@pytest.mark.django_db
def test_a_form_that_does_not_say_its_revision_overwrites_nothing(client_for):
    issue = first_issue()
    data = issue_form(issue, "Blind overwrite", issue.revision)
    del data["revision"]
    response = client_for("facilitator").post(f"/workspace/issues/{issue.pk}/edit/", data)
    assert response.status_code == 409
    issue.refresh_from_db()
    assert issue.title_en != "Blind overwrite"


@pytest.mark.parametrize("role", ["resident", "other_facilitator", "researcher"])
@pytest.mark.django_db
def test_only_the_agendas_team_edits_its_texts(client_for, role):
    section = Section.objects.filter(agenda__slug="lazaro-cardenas").first()
    url = f"/workspace/sections/{section.pk}/edit/"
    client = client_for(role)
    assert client.get(url).status_code == 403
    response = client.post(url, {"body_en": "Changed", "revision": section.revision})
    assert response.status_code == 403
    section.refresh_from_db()
    assert section.body_en != "Changed"


@pytest.mark.django_db(transaction=True)
def test_two_editors_saving_at_the_same_moment_lose_nothing(demo_users_committed):
    """Two real database connections save the same revision at once: one
    text is saved, the other comes back in a conflict; never an overwrite."""
    issue = first_issue()
    opened_at = issue.revision
    url = f"/workspace/issues/{issue.pk}/edit/"
    start = threading.Barrier(2)
    answers = {}

    def save(username, title):
        client = Client()
        client.force_login(demo_users_committed[username])
        start.wait()
        try:
            answers[title] = client.post(url, issue_form(issue, title, opened_at), headers=EN)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=("admin", "Title saved by the admin")),
        threading.Thread(target=save, args=("facilitator", "Title saved by the facilitator")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    statuses = sorted(response.status_code for response in answers.values())
    assert statuses == [302, 409]
    issue.refresh_from_db()
    assert issue.revision == opened_at + 1
    (saved,) = [t for t, r in answers.items() if r.status_code == 302]
    (shown_back,) = [t for t, r in answers.items() if r.status_code == 409]
    assert issue.title_en == saved
    conflict = answers[shown_back].content.decode()
    assert f'value="{shown_back}"' in conflict
    assert saved in conflict


@pytest.fixture
def demo_users_committed(transactional_db):
    from django.contrib.auth import get_user_model

    load_demo()
    users = get_user_model().objects
    return {
        "admin": users.get(username="admin"),
        "facilitator": users.get(username="facilitator-lazaro-cardenas"),
    }
