"""/data/: the data dictionary comes from the serializers, in the reader's
language; people who may see restricted items are warned at the top. And
workshops are public only where the neighbourhood's agenda may be read."""

import pytest

from access import rules as access
from agendas.models import Agenda
from api.datasets import DATASETS
from tests.helpers import EN, ES
from tests.pages.helpers import page_text
from workshops.models import Attendance, Workshop

from .helpers import groups_counted

pytestmark = pytest.mark.django_db
WARNING_EN = "Warning: your downloads include restricted items."


def test_the_dictionary_lists_every_column_of_every_data_set(client):
    response = client.get("/data/", headers=EN)
    assert response.status_code == 200
    html = response.content.decode()
    for name, dataset in DATASETS.items():
        assert f'href="/data/{name}.csv"' in html
        assert f'href="/data/{name}.json"' in html
        assert f'href="/api/v1/{name}/"' in html
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in html
            assert column.description
    text = page_text(response)
    assert "Slug of the agenda the issue belongs to." in text
    assert "apostrophe" in text
    assert "UTF-8" in text
    assert "CC BY 4.0" in text


def test_the_dictionary_speaks_the_readers_language(client):
    spanish = page_text(client.get("/data/", headers=ES))
    english = page_text(client.get("/data/", headers=EN))
    assert "Slug of the agenda the issue belongs to." in english
    assert "Data sets and data dictionary" in english
    assert "Slug of the agenda the issue belongs to." not in spanish
    assert "Data sets and data dictionary" not in spanish
    assert "Slug de la agenda a la que pertenece el tema." in spanish


@pytest.mark.parametrize(
    ("role", "warned"),
    [
        ("visitor", False),
        ("resident", False),
        ("other_facilitator", True),
        ("facilitator", True),
        ("researcher", True),
        ("admin", True),
    ],
)
def test_those_whose_downloads_include_restricted_items_are_warned(client_for, role, warned):
    text = page_text(client_for(role).get("/data/", headers=EN))
    assert (WARNING_EN in text) is warned
    assert ("Your API token" in text) is (role in ("researcher", "admin"))


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("visitor", False),
        ("resident", False),
        ("other_facilitator", False),
        ("facilitator", True),
        ("researcher", True),
        ("admin", True),
    ],
)
def test_workshops_of_an_unpublished_agenda_are_seen_only_by_its_team(client_for, role, sees):
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="draft")
    workshop = groups_counted("lazaro-cardenas")
    client = client_for(role)
    ids = {row["id"] for row in client.get("/api/v1/workshops/").json()["results"]}
    assert (workshop.public_id in ids) is sees
    counted = {row["workshop"] for row in client.get("/api/v1/attendance/").json()["results"]}
    assert (workshop.public_id in counted) is sees
    # Another neighbourhood's published agenda keeps its workshops public.
    assert Workshop.objects.get(neighbourhood__slug="nuevo-almaguer").public_id in ids


def test_residents_read_their_workshops_while_their_agenda_is_in_consultation(client_for):
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")
    workshop = Workshop.objects.get(neighbourhood__slug="lazaro-cardenas")
    ids = {row["id"] for row in client_for("resident").get("/api/v1/workshops/").json()["results"]}
    assert workshop.public_id in ids


@pytest.mark.parametrize("status", ["draft", "consultation", "published"])
def test_workshop_rule_and_filter_agree(demo_users, status):
    Agenda.objects.filter(slug="lazaro-cardenas").update(status=status)
    for user in demo_users.values():
        listed = set(Workshop.objects.filter(access.workshop_numbers_filter(user)))
        allowed = {w for w in Workshop.objects.all() if access.can_view_workshop_numbers(user, w)}
        assert listed == allowed
        counted = set(Attendance.objects.filter(access.attendance_numbers_filter(user)))
        assert counted == {a for a in Attendance.objects.all() if a.workshop in allowed}
