"""Administrators add local and national agendas in the workspace. A new
agenda is a draft and moves only along its lifecycle: its status cannot be
set here, not even by a hand-made submission."""

import pytest
from django.urls import reverse

from agendas.models import Agenda
from communities.models import Neighbourhood
from tests.helpers import EN

pytestmark = pytest.mark.django_db


def test_a_local_agenda_is_added_as_a_draft_and_opens_on_its_workspace_page(admin, demo_users):
    place = Neighbourhood.objects.get(slug="acapulco")
    response = admin.post(
        reverse("setup-agenda-create"),
        {
            "neighbourhood": place.pk,
            "title_es": "Agenda Local de Seguridad Humana de Acapulco",
            "silenced_heading_es": "Temas silenciados",
            "status": "published",  # not a field of the form: ignored
        },
    )
    agenda = Agenda.objects.get(neighbourhood=place)
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace-agenda", args=[agenda.slug])
    assert agenda.slug == "agenda-local-de-seguridad-humana-de-acapulco"
    assert (agenda.scope, agenda.status) == ("local", "draft")
    assert agenda.history.get().history_user == demo_users["admin"]


def test_an_agenda_without_neighbourhood_is_national(admin):
    admin.post(reverse("setup-agenda-create"), {"title_en": "National agenda 2027"})
    agenda = Agenda.objects.get(slug="national-agenda-2027")
    assert (agenda.scope, agenda.neighbourhood, agenda.status) == ("national", None, "draft")


def test_editing_changes_the_title_never_the_status_nor_the_neighbourhood(admin, demo_users):
    agenda = Agenda.objects.get(slug="sanchez-taboada")
    other = Neighbourhood.objects.get(slug="acapulco")
    response = admin.post(
        reverse("setup-agenda-edit", args=[agenda.slug]),
        {
            "title_es": "Agenda de Sánchez Taboada",
            "title_en": "Sánchez Taboada agenda",
            "status": "draft",
            "neighbourhood": other.pk,
        },
    )
    assert response.status_code == 302
    agenda.refresh_from_db()
    assert agenda.title_es == "Agenda de Sánchez Taboada"
    assert (agenda.slug, agenda.status) == ("sanchez-taboada", "published")
    assert agenda.neighbourhood.slug == "sanchez-taboada"
    page = admin.get(
        reverse("setup-agenda-history", args=[agenda.slug]), headers=EN
    ).content.decode()
    assert "Sánchez Taboada agenda" in page


def test_an_agenda_whose_title_is_taken_is_refused_and_nothing_is_saved(admin):
    before = Agenda.objects.count()
    taken = Agenda.objects.get(slug="national")
    taken.slug = "agenda-nacional"
    taken.save()
    response = admin.post(
        reverse("setup-agenda-create"), {"title_es": "Agenda Nacional"}, headers=EN
    )
    assert response.status_code == 400
    assert "An agenda titled “Agenda Nacional” already exists." in response.content.decode()
    assert Agenda.objects.count() == before


def test_an_agenda_needs_a_title(admin):
    before = Agenda.objects.count()
    response = admin.post(reverse("setup-agenda-create"), {"title_es": " "}, headers=EN)
    assert response.status_code == 400
    assert "Write it in Spanish, in English or in both." in response.content.decode()
    assert Agenda.objects.count() == before


def test_the_agendas_list_links_each_to_its_history(admin):
    page = admin.get(reverse("setup-agendas"), headers=EN).content.decode()
    for slug in Agenda.objects.values_list("slug", flat=True):
        assert reverse("setup-agenda-history", args=[slug]) in page
