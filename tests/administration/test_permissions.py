"""Only administrators set up places, agendas and vocabularies: every page
of /workspace/setup/ answers them, refuses anyone else signed in (403) and
sends a visitor to sign in. A refused submission changes nothing."""

import pytest
from django.urls import reverse

from agendas.models import Agenda
from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension

pytestmark = pytest.mark.django_db

ROLES = ("visitor", "resident", "facilitator", "researcher", "admin")


def pages():
    """(name, address, method) of every page, on demo rows."""
    city = City.objects.get(slug="tijuana")
    place = Neighbourhood.objects.get(slug="sanchez-taboada")
    dimension = SecurityDimension.objects.get(slug="health")
    group = ParticipantGroup.objects.get(slug="youths")
    agenda = Agenda.objects.get(slug="sanchez-taboada")
    return [
        ("setup", [], "get"),
        ("setup-places", [], "get"),
        ("setup-city-create", [], "get"),
        ("setup-city-create", [], "post"),
        ("setup-city-edit", [city.pk], "get"),
        ("setup-city-edit", [city.pk], "post"),
        ("setup-city-history", [city.pk], "get"),
        ("setup-neighbourhood-create", [], "get"),
        ("setup-neighbourhood-create", [], "post"),
        ("setup-neighbourhood-edit", [place.pk], "get"),
        ("setup-neighbourhood-edit", [place.pk], "post"),
        ("setup-neighbourhood-history", [place.pk], "get"),
        ("setup-agendas", [], "get"),
        ("setup-agenda-create", [], "get"),
        ("setup-agenda-create", [], "post"),
        ("setup-agenda-edit", [agenda.slug], "get"),
        ("setup-agenda-edit", [agenda.slug], "post"),
        ("setup-agenda-history", [agenda.slug], "get"),
        ("setup-dimensions", [], "get"),
        ("setup-dimension-create", [], "get"),
        ("setup-dimension-create", [], "post"),
        ("setup-dimension-edit", [dimension.pk], "get"),
        ("setup-dimension-edit", [dimension.pk], "post"),
        ("setup-dimension-move", [dimension.pk], "post"),
        ("setup-dimension-history", [dimension.pk], "get"),
        ("setup-groups", [], "get"),
        ("setup-group-create", [], "get"),
        ("setup-group-create", [], "post"),
        ("setup-group-edit", [group.pk], "get"),
        ("setup-group-edit", [group.pk], "post"),
        ("setup-group-move", [group.pk], "post"),
        ("setup-group-history", [group.pk], "get"),
    ]


# What a submission would write, were it allowed: a new row, or a new name.
VALID = {
    "setup-city-create": {"name_es": "Ciudad nueva", "state": "Sonora"},
    "setup-city-edit": {"name_es": "Tijuana cambiada", "state": "Baja California"},
    "setup-neighbourhood-create": {
        "name_es": "Colonia nueva",
        "time_zone": "America/Tijuana",
        "status": "active",
    },
    "setup-neighbourhood-edit": {
        "name_es": "Sánchez cambiada",
        "time_zone": "America/Tijuana",
        "status": "active",
    },
    "setup-agenda-create": {"title_es": "Agenda nueva"},
    "setup-agenda-edit": {"title_es": "Agenda cambiada"},
    "setup-dimension-create": {"name_es": "Dimensión nueva", "order": 10, "palette": "#1f5f8b"},
    "setup-dimension-edit": {"name_es": "Salud cambiada", "order": 7, "palette": "#1f5f8b"},
    "setup-dimension-move": {"direction": "up"},
    "setup-group-create": {"name_es": "Grupo nuevo", "order": 9},
    "setup-group-edit": {"name_es": "Jóvenes cambiados", "order": 3},
    "setup-group-move": {"direction": "up"},
}


def snapshot():
    return [
        sorted(model.objects.values_list("pk", "slug", "name_es"))
        for model in (City, Neighbourhood, SecurityDimension, ParticipantGroup)
    ] + [
        sorted(Agenda.objects.values_list("pk", "slug", "title_es", "status")),
        sorted(SecurityDimension.objects.values_list("pk", "order")),
        sorted(ParticipantGroup.objects.values_list("pk", "order")),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_open_and_submit_the_setup_pages(client_for, role):
    client = client_for(role)
    before = snapshot()
    for name, args, method in pages():
        url = reverse(name, args=args)
        data = VALID.get(name, {}) if method == "post" else None
        if data is not None and "neighbourhood" in name:
            data = {**data, "city": City.objects.get(slug="tijuana").pk}
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        if role == "visitor":
            assert response.status_code == 302, (name, method)
            assert response["Location"].startswith(reverse("login")), (name, method)
        elif role == "admin":
            assert response.status_code == (302 if method == "post" else 200), (name, method)
        else:
            assert response.status_code == 403, (role, name, method)
    if role != "admin":
        assert snapshot() == before


def test_the_dashboard_links_admins_to_setting_up(client_for):
    link = f'href="{reverse("setup")}"'
    assert link in client_for("admin").get(reverse("workspace-dashboard")).content.decode()
    for role in ("facilitator", "researcher"):
        page = client_for(role).get(reverse("workspace-dashboard")).content.decode()
        assert link not in page
