"""The admin speaks the site's Spanish: its messages name a model without
an article or participle of the wrong gender ("El ciudad … fue agregado"),
its help texts spell "caracteres", every kind of row it lists has a
Spanish name, and a delete page lists no "ResidentProfile_groups object"."""

import pytest

from communities.models import City, ParticipantGroup
from residents.models import ResidentProfile
from tests.helpers import ES
from tests.pages.helpers import page_text
from tests.voting import open_round, resident_with_code
from voting import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client_for):
    client = client_for("admin")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    return client


def test_a_city_deleted_in_the_admin_is_said_without_a_gender(admin):
    city = City.objects.create(slug="zihuatanejo", name_es="Zihuatanejo", name_en="Zihuatanejo")

    answer = admin.post(f"/admin/communities/city/{city.pk}/delete/", {"post": "yes"}, follow=True)

    text = page_text(answer)
    assert "Se eliminó correctamente: ciudad “Zihuatanejo”." in text
    assert "El ciudad" not in text and "eliminado" not in text


def test_a_group_added_in_the_admin_is_said_in_spanish(admin):
    answer = admin.post(
        "/admin/communities/participantgroup/add/",
        {"slug": "artisans", "name_es": "Artesanas", "name_en": "Artisans", "order": 9},
        follow=True,
    )

    assert "Se agregó correctamente: grupo de participantes “Artesanas”." in page_text(answer)


def test_the_admins_user_form_spells_caracteres(admin):
    text = page_text(admin.get("/admin/communities/user/add/"))
    assert "150 caracteres como máximo" in text
    assert "carácteres" not in text


def test_every_kind_of_row_the_admin_may_list_has_a_spanish_name(admin):
    resident = resident_with_code()
    round = open_round("approval")
    services.cast_ballot(round, resident, {round.ballot_issues()[0].pk: 1})

    text = page_text(admin.get(f"/admin/communities/user/{resident.pk}/delete/", headers=ES))

    assert "Participaciones en votaciones: 1" in text
    for english in ("Participation", "participation", "object ("):
        assert english not in text


def test_a_delete_page_lists_no_rows_of_many_to_many_fields(admin):
    group = ParticipantGroup.objects.get(slug="women")
    profile, _created = ResidentProfile.objects.get_or_create(user=resident_with_code())
    profile.groups.add(group)

    text = page_text(admin.get(f"/admin/communities/participantgroup/{group.pk}/delete/"))

    assert "Grupo de participantes: Mujeres" in text
    assert "ResidentProfile_groups" not in text
    assert "relación" not in text.lower()
