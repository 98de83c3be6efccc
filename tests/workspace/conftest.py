"""Fixtures of the workspace tests: a facilitator's client, and the Lázaro
Cárdenas neighbourhood, workshop and saved tally they work on."""

import pytest

from agendas.models import Agenda
from communities.models import Neighbourhood
from tallies.models import PaperTally, TallyCount
from workshops.models import Workshop

from .validation import AGGRESSIONS, issue_titled


@pytest.fixture
def facilitator(client_for):
    return client_for("facilitator")


@pytest.fixture
def lazaro():
    return Neighbourhood.objects.get(slug="lazaro-cardenas")


@pytest.fixture
def workshop(lazaro):
    """The demo workshop of Lázaro Cárdenas: 63 people were recorded."""
    return Workshop.objects.get(neighbourhood=lazaro)


@pytest.fixture
def saved_tally(workshop):
    """A flip chart already typed: 10 people, 3 dots each, at most 2 on one issue."""
    tally = PaperTally.objects.create(
        workshop=workshop,
        agenda=Agenda.objects.get(slug="lazaro-cardenas"),
        voters=10,
        dots_per_voter=3,
        max_dots_per_issue=2,
    )
    TallyCount.objects.create(tally=tally, issue=issue_titled(AGGRESSIONS), dots=20)
    return tally
