"""On an install still being set up, a form that needs what is missing says
so, and who can add it: the issue form without security dimensions, the
workshop form without participant groups, the dashboard of an administrator
with nothing set up."""

import pytest
from django.urls import reverse

from agendas.models import Issue
from communities.models import Neighbourhood, ParticipantGroup, SecurityDimension
from tests.administration.empty import empty_install
from tests.helpers import EN
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

NO_DIMENSION = "No security dimension exists yet"
NO_GROUP = "No participant group exists yet"


def test_the_issue_form_without_dimensions_says_an_administrator_adds_them(client_for):
    Issue.objects.all().delete()
    SecurityDimension.objects.all().delete()
    url = reverse("workspace-issue-create", args=["lazaro-cardenas"])
    add = f'href="{reverse("setup-dimension-create")}"'
    page = client_for("facilitator").get(url, headers=EN).content.decode()
    assert NO_DIMENSION in page and "An administrator adds them." in page
    assert add not in page
    assert add in client_for("admin").get(url, headers=EN).content.decode()


def test_the_issue_form_with_dimensions_says_nothing_of_it(client_for):
    url = reverse("workspace-issue-create", args=["lazaro-cardenas"])
    assert NO_DIMENSION not in client_for("facilitator").get(url, headers=EN).content.decode()


def test_the_workshop_form_without_groups_says_so_and_still_saves(client_for):
    Workshop.objects.all().delete()
    ParticipantGroup.objects.all().delete()
    place = Neighbourhood.objects.get(slug="lazaro-cardenas")
    url = reverse("workspace-workshop-create", args=[place.pk])
    add = f'href="{reverse("setup-group-create")}"'
    facilitator = client_for("facilitator")
    page = facilitator.get(url, headers=EN).content.decode()
    assert NO_GROUP in page and add not in page
    assert add in client_for("admin").get(url, headers=EN).content.decode()
    response = facilitator.post(
        url,
        {
            "title_es": "Primer taller",
            "date": "2027-01-15",
            "attendance-TOTAL_FORMS": "0",
            "attendance-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert Workshop.objects.filter(neighbourhood=place, title_es="Primer taller").exists()


def test_an_administrator_on_an_empty_install_is_told_what_to_set_up_first(client_for):
    empty_install()
    page = client_for("admin").get(reverse("workspace-dashboard"), headers=EN).content.decode()
    steps = [
        reverse("setup-city-create"),
        reverse("setup-neighbourhood-create"),
        reverse("setup-agenda-create"),
        reverse("people"),
    ]
    # Read from the steps on: the dashboard links to the people page above too.
    start = page.index("Before the first workshop")
    positions = [page.index(f'href="{step}"', start) for step in steps]
    assert positions == sorted(positions)
    assert "Before the first workshop, set up, in this order:" in page
    assert page.count("to do") == 4  # dimensions and groups came with the install


def test_a_set_up_install_does_not_repeat_the_steps(client_for):
    page = client_for("admin").get(reverse("workspace-dashboard"), headers=EN).content.decode()
    assert "Before the first workshop" not in page
