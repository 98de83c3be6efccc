"""Only places' time zones are offered and kept (the IANA database also names
artefacts such as Factory and localtime, and old aliases), and a colour's
swatch is a valid image address."""

import pytest
from django.urls import reverse

from administration.forms import swatch
from communities.models import Neighbourhood
from tests.administration.test_places import neighbourhood_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("zone", ["Factory", "localtime", "CST6CDT", "GB-Eire", "Etc/GMT+6"])
def test_a_name_that_is_no_place_is_neither_offered_nor_kept(admin, zone):
    form = admin.get(reverse("setup-neighbourhood-create")).content.decode()
    assert f'value="{zone}"' not in form
    response = admin.post(reverse("setup-neighbourhood-create"), neighbourhood_data(time_zone=zone))
    assert response.status_code == 400
    assert f"“{zone}” is not a time zone." in response.content.decode()
    assert not Neighbourhood.objects.filter(slug="colonia-libertad").exists()


def test_the_zones_of_places_are_offered_mexicos_first(admin):
    form = admin.get(reverse("setup-neighbourhood-create")).content.decode()
    assert form.index('value="America/Tijuana"') < form.index('value="Africa/Abidjan"')
    assert 'value="Europe/Madrid"' in form


def test_a_swatch_is_an_image_address_without_spaces():
    address = swatch("#1f5f8b")
    assert address.startswith("data:image/svg+xml,")
    assert " " not in address and "%231f5f8b" in address
