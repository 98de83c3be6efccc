"""Any two saved states of a text can be compared; an earlier one can be
brought back as a new revision, never by rewriting history."""

import re

import pytest

from agendas.models import Issue
from tests.helpers import EN

from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db


def save(client, issue, title):
    issue.refresh_from_db()
    response = client.post(
        f"/workspace/issues/{issue.pk}/edit/",
        {"title_es": issue.title_es, "title_en": title, "dimension": issue.dimension_id,
         "kind": issue.kind, "visibility": issue.visibility, "revision": issue.revision},
    )  # fmt: skip
    assert response.status_code == 302


@pytest.fixture
def edited(client_for):
    issue = Issue.objects.filter(agenda__slug="lazaro-cardenas", kind="prioritised").first()
    facilitator = client_for("facilitator")
    save(facilitator, issue, "Robberies on the market street")
    save(facilitator, issue, "Robberies on the bus")
    return issue


def record_ids(client, issue):
    page = client.get(f"/workspace/texts/issue/{issue.pk}/").content.decode()
    return [int(n) for n in re.findall(r'name="from" value="(\d+)"', page)]


def test_any_two_saved_texts_are_compared_word_by_word(client_for, edited):
    reader = client_for("researcher")
    newest, middle, *_older = record_ids(reader, edited)
    response = reader.get(f"/workspace/texts/issue/{edited.pk}/?from={middle}&to={newest}")
    body = response.content.decode()
    assert "<del>market street</del><ins>bus</ins>" in body
    # The order of the choice does not matter: older to newer.
    again = reader.get(f"/workspace/texts/issue/{edited.pk}/?from={newest}&to={middle}")
    assert "<del>market street</del><ins>bus</ins>" in again.content.decode()
    # Nonsense choices show no difference and no error.
    odd = reader.get(f"/workspace/texts/issue/{edited.pk}/?from=abc&to=999999999")
    assert odd.status_code == 200 and "Difference" not in page_text(odd)


def test_an_earlier_text_comes_back_as_a_new_revision(client_for, edited):
    facilitator = client_for("facilitator")
    newest, middle, *_older = record_ids(facilitator, edited)
    edited.refresh_from_db()
    before_revision, history_rows = edited.revision, edited.history.count()
    response = facilitator.post(
        f"/workspace/texts/issue/{edited.pk}/restore/",
        {"record": middle, "revision": edited.revision},
        follow=True,
        headers=EN,
    )
    assert "The earlier text is back, as a new revision." in page_text(response)
    edited.refresh_from_db()
    assert edited.title_en == "Robberies on the market street"
    assert edited.revision == before_revision + 1
    assert edited.history.count() == history_rows + 1  # added, nothing rewritten
    history = page_text(facilitator.get(f"/workspace/issues/{edited.pk}/history/", headers=EN))
    assert "An earlier text restored" in history


def test_a_restore_from_an_out_of_date_page_changes_nothing(client_for, edited):
    facilitator = client_for("facilitator")
    newest, middle, *_older = record_ids(facilitator, edited)
    edited.refresh_from_db()
    stale = edited.revision - 1
    facilitator.post(
        f"/workspace/texts/issue/{edited.pk}/restore/", {"record": middle, "revision": stale}
    )
    edited.refresh_from_db()
    assert edited.title_en == "Robberies on the bus"


def test_restoring_words_never_restores_visibility(client_for, edited):
    """Going back to a text written while the issue was public must not make
    it public again."""
    facilitator = client_for("facilitator")
    newest, middle, *_older = record_ids(facilitator, edited)
    Issue.objects.filter(pk=edited.pk).update(visibility="restricted")
    edited.refresh_from_db()
    facilitator.post(
        f"/workspace/texts/issue/{edited.pk}/restore/",
        {"record": middle, "revision": edited.revision},
    )
    edited.refresh_from_db()
    assert (edited.title_en, edited.visibility) == ("Robberies on the market street", "restricted")


@pytest.mark.parametrize(
    ("role", "read", "restore"),
    [
        ("visitor", 302, 302),
        ("resident", 403, 403),
        ("other_facilitator", 403, 403),
        ("researcher", 200, 403),
        ("admin", 200, 302),
    ],
)
def test_who_reads_and_who_restores(client_for, edited, role, read, restore):
    ids = record_ids(client_for("admin"), edited)
    client = client_for(role)
    assert client.get(f"/workspace/texts/issue/{edited.pk}/").status_code == read
    edited.refresh_from_db()
    title = edited.title_en
    response = client.post(
        f"/workspace/texts/issue/{edited.pk}/restore/",
        {"record": ids[1], "revision": edited.revision},
    )
    assert response.status_code == restore
    edited.refresh_from_db()
    assert (edited.title_en == title) == (role != "admin")
