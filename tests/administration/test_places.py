"""Administrators add and change cities and neighbourhoods in the workspace:
slugs come from names, a name already taken and a time zone that is not one
are refused without saving anything, and each change is in the history."""

import pytest
from django.urls import reverse

from communities.models import City, Neighbourhood, ParticipantGroup
from tests.helpers import EN

pytestmark = pytest.mark.django_db


def test_a_city_added_gets_its_slug_from_its_name_and_its_creator_in_the_history(admin, demo_users):
    response = admin.post(
        reverse("setup-city-create"),
        {"name_es": "Ciudad Juárez", "name_en": "", "state": "Chihuahua"},
    )
    assert response.status_code == 302
    city = City.objects.get(slug="ciudad-juarez")
    assert (city.name_es, city.state) == ("Ciudad Juárez", "Chihuahua")
    record = city.history.get()
    assert record.history_type == "+" and record.history_user == demo_users["admin"]


def test_a_city_named_in_english_only_takes_its_slug_from_english(admin):
    admin.post(reverse("setup-city-create"), {"name_en": "Mexico City", "state": "CDMX"})
    assert City.objects.filter(slug="mexico-city", name_en="Mexico City").exists()


def test_a_city_whose_name_is_taken_is_refused_and_nothing_is_saved(admin):
    before = City.objects.count()
    response = admin.post(
        reverse("setup-city-create"), {"name_es": "TIJUANA", "state": "B.C."}, headers=EN
    )
    assert response.status_code == 400
    assert "A city named “TIJUANA” already exists." in response.content.decode()
    assert City.objects.count() == before


def test_renaming_a_city_to_anothers_name_is_refused(admin):
    city = City.objects.get(slug="tijuana")
    response = admin.post(
        reverse("setup-city-edit", args=[city.pk]), {"name_es": "Acapulco"}, headers=EN
    )
    assert response.status_code == 400
    assert "A city named “Acapulco” already exists." in response.content.decode()
    city.refresh_from_db()
    assert city.name_es == "Tijuana"


def test_editing_a_city_keeps_its_slug_and_records_who_changed_what(admin, demo_users):
    city = City.objects.get(slug="tijuana")
    response = admin.post(
        reverse("setup-city-edit", args=[city.pk]),
        {"name_es": "Tijuana, B.C.", "name_en": "Tijuana", "state": "Baja California"},
    )
    assert response.status_code == 302
    city.refresh_from_db()
    assert (city.slug, city.name_es) == ("tijuana", "Tijuana, B.C.")
    latest = city.history.first()
    assert latest.history_type == "~" and latest.history_user == demo_users["admin"]
    page = admin.get(reverse("setup-city-history", args=[city.pk]), headers=EN).content.decode()
    assert "Tijuana, B.C." in page and demo_users["admin"].get_username() in page


def test_a_name_without_letters_or_digits_is_refused(admin):
    before = City.objects.count()
    response = admin.post(reverse("setup-city-create"), {"name_es": "¿¡!?"}, headers=EN)
    assert response.status_code == 400
    assert "Write a name with at least one letter or digit." in response.content.decode()
    assert City.objects.count() == before


def neighbourhood_data(**changes):
    data = {
        "city": City.objects.get(slug="tijuana").pk,
        "name_es": "Colonia Libertad",
        "time_zone": "America/Tijuana",
        "status": "active",
    }
    return {**data, **changes}


def test_a_neighbourhood_added_has_no_agenda_and_keeps_its_time_zone_and_groups(admin, demo_users):
    women = ParticipantGroup.objects.get(slug="women")
    response = admin.post(
        reverse("setup-neighbourhood-create"), neighbourhood_data(groups_engaged=[women.pk])
    )
    assert response.status_code == 302
    place = Neighbourhood.objects.get(slug="colonia-libertad")
    assert place.time_zone == "America/Tijuana"
    assert list(place.groups_engaged.all()) == [women]
    assert not place.agendas.exists()
    assert place.history.first().history_user == demo_users["admin"]
    page = admin.get(reverse("setup-places"), headers=EN).content.decode()
    assert "Colonia Libertad" in page
    assert reverse("setup-neighbourhood-history", args=[place.pk]) in page


def test_a_time_zone_that_is_not_one_is_refused_and_nothing_is_saved(admin):
    before = Neighbourhood.objects.count()
    response = admin.post(
        reverse("setup-neighbourhood-create"),
        neighbourhood_data(time_zone="Mars/Olympus"),
        headers=EN,
    )
    assert response.status_code == 400
    assert "“Mars/Olympus” is not a time zone." in response.content.decode()
    assert Neighbourhood.objects.count() == before


def test_the_time_zone_list_starts_with_mexicos(admin):
    page = admin.get(reverse("setup-neighbourhood-create"), headers=EN).content.decode()
    zones = ["America/Tijuana", "America/Hermosillo", "America/Mexico_City", "America/Cancun"]
    positions = [page.index(f'value="{zone}"') for zone in zones]
    assert positions == sorted(positions)
    assert positions[-1] < page.index('value="Africa/Abidjan"')


def test_work_stopped_keeps_its_reason_and_the_list_says_so(admin):
    place = Neighbourhood.objects.get(slug="sanchez-taboada")
    response = admin.post(
        reverse("setup-neighbourhood-edit", args=[place.pk]),
        neighbourhood_data(
            name_es="Sánchez Taboada",
            status="stopped",
            stopped_reason_en="Threats against the team.",
        ),
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.slug, place.status) == ("sanchez-taboada", "stopped")
    page = admin.get(reverse("setup-places"), headers=EN).content.decode()
    assert "Threats against the team." in page


def test_a_neighbourhood_whose_name_is_taken_is_refused(admin):
    before = Neighbourhood.objects.count()
    response = admin.post(
        reverse("setup-neighbourhood-create"),
        neighbourhood_data(name_es="Nuevo Almaguer"),
        headers=EN,
    )
    assert response.status_code == 400
    assert "A neighbourhood named “Nuevo Almaguer” already exists." in response.content.decode()
    assert Neighbourhood.objects.count() == before
