"""Where signing in lands: facilitators, researchers and administrators in
the workspace, residents on their neighbourhood's agenda, anyone on the page
they came from when it is on this site, and never on another site. The
lockout of wrong passwords is as before."""

import pytest
from django.test import Client

from agendas.models import Agenda
from tests.helpers import EN, PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(username, next_url=None, password=PASSWORD, address="203.0.113.40"):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return Client(REMOTE_ADDR=address).post("/sign-in/", data, headers=EN)


@pytest.mark.parametrize(
    "username",
    ["admin", "researcher", "facilitator-lazaro-cardenas", "facilitator-sanchez-taboada"],
)
def test_staff_land_in_the_workspace(username):
    response = sign_in(username)
    assert response.status_code == 302
    assert response["Location"] == "/workspace/"


def test_a_resident_lands_on_their_neighbourhoods_agenda():
    response = sign_in("resident-lazaro-cardenas")
    agenda = Agenda.objects.get(neighbourhood__slug="lazaro-cardenas")
    assert response["Location"] == agenda.get_absolute_url()


def test_a_resident_lands_on_the_agenda_in_consultation_where_they_have_something_to_do():
    published = Agenda.objects.get(neighbourhood__slug="lazaro-cardenas")
    draft = Agenda.objects.create(
        slug="lazaro-cardenas-2",
        scope="local",
        neighbourhood=published.neighbourhood,
        status="consultation",
        title_en="Second agenda",
        title_es="Segunda agenda",
    )
    assert sign_in("resident-lazaro-cardenas")["Location"] == draft.get_absolute_url()


def test_a_resident_whose_neighbourhood_has_no_agenda_to_read_lands_on_the_home_page(make_person):
    make_person("acapulco-resident", role="resident", neighbourhood="acapulco")
    Client()
    response = Client().post(
        "/sign-in/", {"username": "acapulco-resident", "password": "x"}, headers=EN
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize("username", ["admin", "resident-lazaro-cardenas"])
def test_next_within_the_site_is_honoured(username):
    assert sign_in(username, "/compare/?dimension=personal")["Location"] == (
        "/compare/?dimension=personal"
    )


@pytest.mark.parametrize(
    "outside",
    [
        "https://evil.example/",
        "//evil.example/workspace/",
        "http://evil.example",
        "\\\\evil.example",
    ],
)
def test_next_outside_the_site_is_ignored(outside):
    assert sign_in("facilitator-lazaro-cardenas", outside)["Location"] == "/workspace/"


def test_a_signed_in_person_opening_the_sign_in_page_is_taken_to_their_work():
    client = Client()
    client.post("/sign-in/", {"username": "researcher", "password": PASSWORD})
    assert client.get("/sign-in/")["Location"] == "/workspace/"


def test_the_lockout_still_stops_wrong_passwords_and_a_right_one_after_them(settings):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT):
        sign_in("facilitator-lazaro-cardenas", password="guess", address="203.0.113.41")
    locked = sign_in("facilitator-lazaro-cardenas", "/workspace/", address="203.0.113.42")
    assert locked.status_code == 429
