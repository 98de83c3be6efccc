"""The administrators' setting-up pages fit a 360 px phone, name every form
control for a screen reader, and load nothing from outside the site."""

from agendas.models import Agenda
from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension
from tests.browser.helpers import sign_in
from tests.browser.test_new_pages_fit_a_phone import unnamed_controls


def test_setup_pages_fit_a_phone(site, new_page):
    city = City.objects.get(slug="tijuana")
    place = Neighbourhood.objects.get(slug="sanchez-taboada")
    dimension = SecurityDimension.objects.get(slug="health")
    group = ParticipantGroup.objects.get(slug="indigenous")
    agenda = Agenda.objects.get(slug="sanchez-taboada")
    page = new_page(language="es-MX", width=360)
    sign_in(page, site, "admin")
    for path in [
        "/workspace/",
        "/workspace/setup/",
        "/workspace/setup/places/",
        f"/workspace/setup/cities/{city.pk}/edit/",
        f"/workspace/setup/neighbourhoods/{place.pk}/edit/",
        f"/workspace/setup/neighbourhoods/{place.pk}/history/",
        "/workspace/setup/agendas/",
        f"/workspace/setup/agendas/{agenda.slug}/edit/",
        "/workspace/setup/agendas/new/",
        "/workspace/setup/dimensions/",
        f"/workspace/setup/dimensions/{dimension.pk}/edit/",
        "/workspace/setup/groups/",
        f"/workspace/setup/groups/{group.pk}/edit/",
    ]:
        response = page.goto(site + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        assert unnamed_controls(page) == [], path
    assert page.outside_requests == []
