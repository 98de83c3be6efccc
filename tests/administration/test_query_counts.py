"""Each list of the setting-up pages, and each history page, makes the same
number of SQL queries however many rows it shows: ten times the cities,
neighbourhoods, agendas, dimensions, groups and edits cost not one more."""

import pytest
from django.urls import reverse

from communities.models import City, ParticipantGroup, SecurityDimension
from residents.models import SensitiveGroup
from tests.factories import (
    AgendaFactory,
    CityFactory,
    NeighbourhoodFactory,
    ParticipantGroupFactory,
    SecurityDimensionFactory,
)
from tests.helpers import EN, page_queries

pytestmark = pytest.mark.django_db

TIMES = 10
LISTS = ["setup", "setup-places", "setup-agendas", "setup-dimensions", "setup-groups"]


def grow(times):
    for _n in range(times):
        group = ParticipantGroupFactory()
        SensitiveGroup.objects.create(group=group)
        city = CityFactory()
        place = NeighbourhoodFactory(city=city, groups_engaged=[group])
        AgendaFactory(neighbourhood=place)
        NeighbourhoodFactory(city=city)  # one without an agenda
        SecurityDimensionFactory()


def edit(times):
    city = City.objects.get(slug="tijuana")
    for n in range(times):
        city.state = f"Baja California {n}"
        city.save()


@pytest.mark.parametrize("name", LISTS)
def test_a_list_costs_the_same_queries_with_ten_times_the_rows(client_for, name):
    admin = client_for("admin")
    grow(1)
    before, _page = page_queries(admin, reverse(name), headers=EN)
    grow(TIMES)
    after, _page = page_queries(admin, reverse(name), headers=EN)
    assert after == before


def test_the_lists_show_every_row_they_count(client_for):
    grow(2)
    admin = client_for("admin")
    places = admin.get(reverse("setup-places"), headers=EN).content.decode()
    for city in City.objects.all():
        assert reverse("setup-city-history", args=[city.pk]) in places
    dimensions = admin.get(reverse("setup-dimensions"), headers=EN).content.decode()
    assert dimensions.count("setup/dimensions/") >= SecurityDimension.objects.count()
    groups = admin.get(reverse("setup-groups"), headers=EN).content.decode()
    assert groups.count("asked only after consent") == SensitiveGroup.objects.count()
    assert ParticipantGroup.objects.count() > 7


def test_a_history_page_costs_the_same_queries_with_ten_times_the_edits(client_for):
    admin = client_for("admin")
    url = reverse("setup-city-history", args=[City.objects.get(slug="tijuana").pk])
    edit(1)
    before, _page = page_queries(admin, url, headers=EN)
    edit(TIMES)
    after, _page = page_queries(admin, url, headers=EN)
    assert after == before
