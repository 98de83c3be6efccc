"""The neighbourhood page of the workspace: its workshops with their
participants and tallies."""

import pytest

from agendas.models import Agenda
from communities.models import Neighbourhood
from tallies.models import PaperTally
from tests.helpers import EN
from workshops.models import Workshop

from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db


def test_participants_are_not_multiplied_by_the_tallies(client_for):
    place = Neighbourhood.objects.get(slug="lazaro-cardenas")
    workshop = Workshop.objects.get(neighbourhood=place)
    second = Agenda.objects.create(
        slug="lazaro-cardenas-youth", scope="local", neighbourhood=place, title_en="Youth agenda"
    )
    for agenda in (Agenda.objects.get(slug="lazaro-cardenas"), second):
        PaperTally.objects.create(workshop=workshop, agenda=agenda, voters=20)

    text = page_text(
        client_for("facilitator").get(f"/workspace/neighbourhoods/{place.pk}/", headers=EN)
    )
    # The workshop's row: no date recorded, 63 participants, two tallies.
    assert "Co-construction workshops, 2016–2018 not recorded 63 2 " in text
