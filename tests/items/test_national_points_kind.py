"""A national agenda's principles and requirements are agenda items like the
others: written from the workspace, each save a revision that cannot
overwrite another's, with a history, saved texts and suggestions — by the
same views as sections, issues and proposals (items.registry)."""

import re

import pytest

from agendas.models import Agenda, Issue, Section
from editing import revisions, suggestions
from editing.models import Suggestion
from items.registry import KINDS
from proposals.models import Proposal
from synthesis.models import NationalPoint
from tests.helpers import EN

pytestmark = pytest.mark.django_db


def principles():
    return Section.objects.get(agenda__slug="national", kind=Section.Kind.PRINCIPLES)


def requirements():
    return (
        Section.objects.filter(agenda__slug="national", kind=Section.Kind.REQUIREMENTS)
        .order_by("order", "pk")
        .first()
    )


def local_issue():
    return Issue.objects.filter(agenda__scope=Agenda.Scope.LOCAL).order_by("pk").first()


def new_point(client, **data):
    return client.post(
        "/workspace/agendas/national/national-points/new/",
        {"section": principles().pk, "text_es": "", "text_en": "", **data},
        headers=EN,
    )


def test_the_national_workspace_lists_each_list_of_points_with_a_way_to_add_one(client_for):
    page = client_for("admin").get("/workspace/agendas/national/").content.decode()
    assert 'id="national-points"' in page
    first = principles().points.order_by("order", "pk").first()
    assert f'id="national_point-{first.pk}"' in page
    assert f"/workspace/agendas/national/national-points/new/?section={principles().pk}" in page
    assert f"/workspace/agendas/national/national-points/new/?section={requirements().pk}" in page
    assert f"/workspace/national-points/{first.pk}/edit/" in page
    assert f"/workspace/texts/national_point/{first.pk}/" in page


def test_a_researcher_reads_the_points_but_is_offered_no_way_to_change_them(client_for):
    page = client_for("researcher").get("/workspace/agendas/national/").content.decode()
    first = principles().points.first()
    assert f'id="national_point-{first.pk}"' in page
    assert "/national-points/new/" not in page
    assert f"/workspace/national-points/{first.pk}/edit/" not in page


def test_a_local_agenda_has_no_list_of_points(client_for):
    page = client_for("admin").get("/workspace/agendas/lazaro-cardenas/").content.decode()
    assert 'id="national-points"' not in page
    answer = client_for("admin").get("/workspace/agendas/lazaro-cardenas/national-points/new/")
    assert answer.status_code == 404


def test_an_administrator_adds_a_point_at_the_end_of_its_list_citing_local_evidence(client_for):
    issue = local_issue()
    proposal = Proposal.objects.filter(agenda=issue.agenda).first()
    before = list(principles().points.order_by("order", "pk"))
    answer = new_point(
        client_for("admin"),
        text_en="Nobody is made safer by fear.",
        issues=[issue.pk],
        proposals=[proposal.pk],
    )
    assert answer.status_code == 302
    point = NationalPoint.objects.get(text_en="Nobody is made safer by fear.")
    assert answer["Location"].endswith(f"#national_point-{point.pk}")  # the page opens at it
    assert list(principles().points.order_by("order", "pk")) == [*before, point]
    assert list(point.issues.all()) == [issue] and list(point.proposals.all()) == [proposal]
    created = point.history.earliest("history_date")
    assert created.history_type == "+" and created.history_user.username == "admin"


def test_the_form_opens_on_the_list_it_was_asked_from(client_for):
    chosen = requirements()
    page = client_for("admin").get(
        f"/workspace/agendas/national/national-points/new/?section={chosen.pk}"
    )
    radio = re.search(rf'<input[^>]*name="section" value="{chosen.pk}"[^>]*>', page.text)
    assert radio and "checked" in radio.group()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Write it in Spanish, in English or in both."),
        ({"section": None}, "Choose the list it belongs to: principles or requirements."),
        ({"cite_national": True}, "Choose issues and proposals of local agendas only."),
    ],
)
def test_a_point_that_breaks_a_rule_is_refused_and_nothing_is_saved(client_for, data, message):
    count = NationalPoint.objects.count()
    form = {"text_en": "A point"} if data else {}
    if data.get("section", "") is None:
        form["section"] = ""
    if data.get("cite_national"):
        national_issue = Issue.objects.create(
            agenda=Agenda.objects.get(slug="national"),
            dimension=local_issue().dimension,
            title_en="Not local",
            kind=Issue.Kind.PRIORITISED,
            order=99,
        )
        form["issues"] = [national_issue.pk]
    answer = new_point(client_for("admin"), **form)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert NationalPoint.objects.count() == count


@pytest.mark.parametrize("role", ["facilitator", "researcher"])
def test_only_administrators_write_points(client_for, role):
    point = principles().points.first()
    client = client_for(role)
    assert new_point(client, text_en="Mine").status_code == 403
    for action in ("edit", "delete"):
        assert client.get(f"/workspace/national-points/{point.pk}/{action}/").status_code == 403
    moved = client.post(f"/workspace/national-points/{point.pk}/move/", {"direction": "down"})
    assert moved.status_code == 403
    assert not NationalPoint.objects.filter(text_en="Mine").exists()


def test_an_edit_made_on_an_old_revision_does_not_overwrite_a_newer_one(client_for):
    point = principles().points.first()
    opened_at = point.revision
    url = f"/workspace/national-points/{point.pk}/edit/"
    admin = client_for("admin")
    first = admin.post(url, {"text_es": point.text_es, "text_en": "First", "revision": opened_at})
    assert first.status_code == 302
    second = admin.post(url, {"text_es": point.text_es, "text_en": "Second", "revision": opened_at})
    assert second.status_code == 409
    point.refresh_from_db()
    assert point.text_en == "First" and point.revision == opened_at + 1


def test_points_move_within_their_list_and_are_deleted_with_their_history_kept(client_for):
    admin = client_for("admin")
    first, second = list(principles().points.order_by("order", "pk"))[:2]
    admin.post(f"/workspace/national-points/{first.pk}/move/", {"direction": "down"})
    assert list(principles().points.order_by("order", "pk"))[:2] == [second, first]
    answer = admin.post(f"/workspace/national-points/{first.pk}/delete/", {"confirm": "yes"})
    assert answer.status_code == 302
    assert not NationalPoint.objects.filter(pk=first.pk).exists()
    history = admin.get(f"/workspace/national-points/{second.pk}/history/")
    assert history.status_code == 200
    assert NationalPoint.history.filter(id=first.pk, history_type="-").exists()


def test_saved_texts_compare_and_restore_a_point(client_for):
    point = principles().points.first()
    admin = client_for("admin")
    original = point.text_en
    admin.post(
        f"/workspace/national-points/{point.pk}/edit/",
        {"text_es": point.text_es, "text_en": "Changed", "revision": point.revision},
    )
    point.refresh_from_db()
    first_record = point.history.order_by("history_date", "history_id").first()
    restored = revisions.restore("national_point", point, first_record, point.revision)
    assert restored.text_en == original
    page = admin.get(f"/workspace/texts/national_point/{point.pk}/")
    assert page.status_code == 200


def test_a_suggestion_on_a_point_is_reviewed_and_accepted_like_any_other(client_for, demo_users):
    point = principles().points.first()
    Agenda.objects.filter(slug="national").update(status=Agenda.Status.CONSULTATION)
    suggestion = Suggestion.objects.create(
        agenda=point.agenda,
        national_point=point,
        field="text_en",
        original=point.text_en,
        wording="A better wording",
        reason="Clearer",
        author=demo_users["resident"],
    )
    assert suggestion.kind == "national_point" and suggestion.target == point
    admin = client_for("admin")
    review = admin.get("/workspace/agendas/national/suggestions/", headers=EN).content.decode()
    assert "Clearer" in review and f'value="{point.revision}"' in review
    consultation = admin.get("/agendas/national/consultation/").content.decode()
    assert f"/suggest/national_point/{point.public_id}/" in consultation
    suggestions.accept(suggestion, demo_users["admin"], point.revision)
    point.refresh_from_db()
    assert point.text_en == "A better wording"
    assert point.history.first().history_change_reason.endswith("resident-lazaro-cardenas")


def test_nobody_may_suggest_on_the_national_agenda_a_neighbourhood_does_not_own(demo_users):
    # Residents take part in their own neighbourhood's agenda; the national
    # one belongs to none, so its consultation is the team's.
    point = principles().points.first()
    Agenda.objects.filter(slug="national").update(status=Agenda.Status.CONSULTATION)
    point = NationalPoint.objects.get(pk=point.pk)
    assert not suggestions.may_suggest(demo_users["resident"], "national_point", point)


@pytest.mark.parametrize("role", ["admin", "researcher"])
def test_the_dashboard_leads_those_who_read_every_agenda_to_the_national_one(client_for, role):
    page = client_for(role).get("/workspace/").content.decode()
    assert 'href="/workspace/agendas/national/"' in page


def test_a_facilitator_dashboard_does_not_offer_the_national_agenda(client_for):
    page = client_for("facilitator").get("/workspace/").content.decode()
    assert "/workspace/agendas/national/" not in page


@pytest.mark.parametrize("key", sorted(KINDS))
def test_every_kind_s_form_asks_for_its_texts_in_both_languages(key):
    kind = KINDS[key]
    agenda = Agenda.objects.get(slug="national" if kind.scope else "lazaro-cardenas")
    form = kind.form_class()(**({"agenda": agenda} if kind.form_takes_agenda else {}))
    assert set(kind.text_fields) <= set(form.fields)
    for base in kind.texts:
        # One language at least is required of a required text, so neither is on its own.
        assert not any(form.fields[f"{base}_{code}"].required for code in ("es", "en"))
    assert form.bilingual == kind.bilingual
    assert any(kind.bilingual.values()) is bool(kind.required_texts)


def test_each_list_of_points_is_named_so_that_it_can_be_told_from_the_others(client_for):
    # The national agenda has three lists of requirements, none with a heading.
    page = client_for("admin").get("/workspace/agendas/national/", headers=EN).text
    names = re.findall(r'<h3 class="h5" id="points-\d+">([^<]+)</h3>', page)
    assert len(names) == 4 and len(set(names)) == 4
    # A list without a heading is named by its kind and the start of its introduction.
    assert sum(name.startswith("Requirements: ") for name in names) == 3
    form = (
        client_for("admin")
        .get("/workspace/agendas/national/national-points/new/", headers=EN)
        .context["form"]
    )
    choices = [label for _value, label in form.fields["section"].choices]
    assert sorted(choices) == sorted(names)


def test_saved_texts_list_only_saves_that_changed_a_text(client_for):
    admin = client_for("admin")
    point = principles().points.order_by("order", "pk").first()
    url = f"/workspace/texts/national_point/{point.pk}/"
    before = len(admin.get(url).context["records"])
    for direction in ("down", "up"):  # moves save the point, not its words
        admin.post(f"/workspace/national-points/{point.pk}/move/", {"direction": direction})
    assert point.history.count() > before
    assert len(admin.get(url).context["records"]) == before
    admin.post(
        f"/workspace/national-points/{point.pk}/edit/",
        {"text_es": point.text_es, "text_en": "New words", "revision": point.revision},
    )
    assert len(admin.get(url).context["records"]) == before + 1
