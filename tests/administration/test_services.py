"""The setting-up services, as a command or another app calls them: the
same refusals as the pages, and the database's unique slug behind them."""

import pytest
from django.core.exceptions import ValidationError

from administration import services
from agendas.models import Agenda
from communities.models import City, ParticipantGroup, SecurityDimension

pytestmark = pytest.mark.django_db


def test_a_city_added_without_a_person_is_saved_with_its_slug():
    city = services.add_city(City(name_es="Culiacán", state="Sinaloa"), by=None)
    assert City.objects.get(pk=city.pk).slug == "culiacan"


def test_a_name_given_in_another_language_to_an_existing_row_is_refused():
    with pytest.raises(ValidationError) as refused:
        services.add_group(ParticipantGroup(name_en="Mujeres", order=9), sensitive=False, by=None)
    assert "name_en" in refused.value.message_dict
    assert not ParticipantGroup.objects.filter(slug="mujeres").exists()


def test_the_unique_slug_refuses_what_the_check_did_not_see(monkeypatch):
    # Two administrators adding the same name at once: both checks pass, the
    # second save meets the unique column and is refused with the same message.
    monkeypatch.setattr(services, "_taken_by", lambda *args: None)
    with pytest.raises(ValidationError) as refused:
        services.add_city(City(name_es="Tijuana"), by=None)
    assert "Tijuana" in str(refused.value)
    assert City.objects.filter(name_es="Tijuana").count() == 1


def test_a_caller_cannot_change_an_agendas_status_or_place_through_its_edit():
    agenda = Agenda.objects.get(slug="nuevo-almaguer")
    agenda.status, agenda.neighbourhood_id = "draft", None
    agenda.title_en = "Nuevo Almaguer agenda"
    services.change_agenda(agenda, by=None)
    agenda.refresh_from_db()
    assert (agenda.status, agenda.neighbourhood.slug) == ("published", "nuevo-almaguer")
    assert agenda.title_en == "Nuevo Almaguer agenda"


def test_a_dimension_colour_failing_contrast_is_refused_by_the_service_too():
    with pytest.raises(ValidationError) as refused:
        services.add_dimension(
            SecurityDimension(name_es="Seguridad vial", colour="#ffcc00", order=10), by=None
        )
    assert "1.51:1" in refused.value.message_dict["colour"][0]
    assert SecurityDimension.objects.count() == 9
