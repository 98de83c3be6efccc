"""Publishing freezes a numbered version with a permanent address that
shows exactly that text forever; nothing changes a version."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from agendas.models import Agenda, AgendaVersion, FrozenVersion, Issue
from editing.models import Suggestion
from tests.helpers import EN

from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db
STATUS = "/workspace/agendas/lazaro-cardenas/status/"
V1, V2 = "/agendas/lazaro-cardenas/v1/", "/agendas/lazaro-cardenas/v2/"


def issue():
    return Issue.objects.filter(agenda__slug="lazaro-cardenas", kind="prioritised").first()


def publish_again(client, *before):
    for target in [*before, "consultation", "validated", "published"]:
        assert client.post(STATUS, {"to": target, "confirm": "yes"}).status_code == 302


def test_the_demo_published_agendas_stand_as_version_one(client_for):
    assert set(AgendaVersion.objects.values_list("agenda__slug", "number")) == {
        ("lazaro-cardenas", 1), ("sanchez-taboada", 1), ("nuevo-almaguer", 1), ("national", 1),
    }  # fmt: skip
    text = page_text(client_for("visitor").get(V1, headers=EN))
    assert "Version 1, published on" in text
    assert issue().title_en in text


def test_a_new_version_leaves_the_old_permalink_as_it_was(client_for):
    facilitator, visitor = client_for("facilitator"), client_for("visitor")
    first = issue()
    old_title = first.title_en
    facilitator.post(STATUS, {"to": "draft"})
    edit = facilitator.post(
        f"/workspace/issues/{first.pk}/edit/",
        {
            "title_es": first.title_es,
            "title_en": "Robberies in broad daylight",
            "dimension": first.dimension_id,
            "kind": first.kind,
            "visibility": first.visibility,
            "revision": first.revision,
        },  # fmt: skip
    )
    assert edit.status_code == 302
    publish_again(facilitator)
    assert AgendaVersion.objects.filter(agenda__slug="lazaro-cardenas").count() == 2
    v1, v2 = page_text(visitor.get(V1, headers=EN)), page_text(visitor.get(V2, headers=EN))
    assert old_title in v1 and "Robberies in broad daylight" not in v1
    assert "Robberies in broad daylight" in v2
    # The agenda page links the versions; v1 links back to the others.
    live = page_text(visitor.get("/agendas/lazaro-cardenas/", headers=EN))
    assert "Published versions: v1 · v2" in live
    assert "Published versions: v1 · v2" in v1


def test_while_a_new_draft_is_worked_on_visitors_read_the_last_version(client_for):
    facilitator, visitor = client_for("facilitator"), client_for("visitor")
    facilitator.post(STATUS, {"to": "draft"})
    Issue.objects.filter(pk=issue().pk).update(title_en="Work in progress")
    response = visitor.get("/agendas/lazaro-cardenas/", follow=True, headers=EN)
    assert response.redirect_chain == [(V1, 302)]
    assert "Work in progress" not in page_text(response)
    # The team reads the draft, with a way to the published version.
    assert "Work in progress" in page_text(facilitator.get("/agendas/lazaro-cardenas/", headers=EN))
    assert "the current text" in page_text(facilitator.get(V1, headers=EN))
    assert "the current text" not in page_text(visitor.get(V1, headers=EN))


def test_restricted_items_follow_the_live_rules_in_old_versions(client_for):
    restricted = Issue.objects.get(agenda__slug="lazaro-cardenas", visibility="restricted")
    assert restricted.title_en not in client_for("visitor").get(V1, headers=EN).content.decode()
    assert restricted.title_en in client_for("facilitator").get(V1, headers=EN).content.decode()
    # An issue restricted after publication is withheld from version 1 at once.
    public = issue()
    public.visibility = "restricted"
    public.save()
    assert public.title_en not in client_for("visitor").get(V1, headers=EN).content.decode()
    assert public.title_en in client_for("researcher").get(V1, headers=EN).content.decode()


def version_one():
    return AgendaVersion.objects.get(agenda__slug="lazaro-cardenas", number=1)


def test_no_route_changes_a_published_version(client_for):
    before = version_one().snapshot
    # The model refuses.
    version = version_one()
    version.snapshot = {}
    with pytest.raises(FrozenVersion):
        version.save()
    with pytest.raises(FrozenVersion):
        AgendaVersion.objects.filter(pk=version.pk).update(snapshot={})
    # The database refuses even SQL.
    with (
        pytest.raises((IntegrityError, DatabaseError)),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE agendas_agendaversion SET number = 99")
    # The admin has no page for versions.
    assert client_for("admin").get("/admin/agendas/agendaversion/").status_code == 404
    # Editing the live text, accepting a suggestion: the version keeps its words.
    facilitator = client_for("facilitator")
    first = issue()
    facilitator.post(
        f"/workspace/issues/{first.pk}/edit/",
        {
            "title_es": first.title_es,
            "title_en": "Edited after publication",
            "dimension": first.dimension_id,
            "kind": first.kind,
            "visibility": first.visibility,
            "revision": first.revision,
        },  # fmt: skip
    )
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")
    client_for("resident").post(
        f"/suggest/issue/{first.public_id}/",
        {"field": "title_es", "wording": "Sugerido después", "reason": "Más claro"},
    )
    suggestion = Suggestion.objects.get()
    facilitator.post(
        f"/workspace/suggestions/{suggestion.pk}/accept/",
        {"revision": Issue.objects.get(pk=first.pk).revision},
    )
    assert Issue.objects.get(pk=first.pk).title_es == "Sugerido después"
    # Restoring an earlier text: the live text changes, the version does not.
    oldest = first.history.order_by("history_date", "history_id").first()
    restored = facilitator.post(
        f"/workspace/texts/issue/{first.pk}/restore/",
        {"record": oldest.history_id, "revision": Issue.objects.get(pk=first.pk).revision},
    )
    assert restored.status_code == 302
    assert Issue.objects.get(pk=first.pk).title_es == oldest.title_es
    assert version_one().snapshot == before
    assert "Edited after publication" not in client_for("visitor").get(V1).content.decode()


def test_an_unknown_version_is_not_found(client_for):
    assert client_for("visitor").get("/agendas/lazaro-cardenas/v9/").status_code == 404
    assert client_for("visitor").get("/agendas/nowhere/v1/").status_code == 404
