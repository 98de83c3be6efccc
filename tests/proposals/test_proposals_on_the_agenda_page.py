"""Proposals as an agenda's page shows them: under the heading of the actor
they are addressed to, the actors in the order of the booklets, each
proposal in its agenda's order; and a change to a proposal reaches the
page a visitor reads from the cache at once."""

import pytest

from proposals.models import Proposal
from tests.factories import AgendaFactory, ProposalFactory
from tests.helpers import EN
from tests.pages.helpers import page_text

pytestmark = pytest.mark.django_db

HEADINGS = [
    "Proposals for the authorities",
    "Proposals for civil society organisations",
    "Proposals for the community",
]


@pytest.fixture
def agenda():
    return AgendaFactory(status="published")


def read(client, agenda):
    response = client.get(f"/agendas/{agenda.slug}/", headers=EN)
    assert response.status_code == 200
    return page_text(response)


def test_proposals_stand_under_their_actors_heading_in_the_booklets_order(client, agenda):
    # Made out of order: the page orders actors by their kind, proposals by theirs.
    for actor, order in [("community", 2), ("authorities", 5), ("community", 1)]:
        ProposalFactory(agenda=agenda, actor=actor, order=order, text_en=f"{actor} {order}")
    ProposalFactory(agenda=agenda, actor="civil_society", text_en="civil society 0")

    text = read(client, agenda)
    places = [text.index(words) for words in HEADINGS]
    assert places == sorted(places)
    authorities, civil_society, community = (
        text[start:end] for start, end in zip(places, places[1:] + [len(text)], strict=True)
    )
    assert "authorities 5" in authorities
    assert "civil society 0" in civil_society
    assert community.index("community 1") < community.index("community 2")
    assert [label for _value, label in Proposal.Actor.choices] == [
        "The authorities",
        "Civil society organisations",
        "The community",
    ]


def test_an_actor_with_no_proposal_has_no_heading(client, agenda):
    ProposalFactory(agenda=agenda, actor="community", text_en="Light the streets")
    text = read(client, agenda)
    assert "Proposals for the community Light the streets" in text
    assert HEADINGS[0] not in text and HEADINGS[1] not in text


def test_a_changed_or_deleted_proposal_leaves_the_cached_page_at_once(client, agenda):
    proposal = ProposalFactory(agenda=agenda, text_en="Light the streets")
    assert "Light the streets" in read(client, agenda)  # now in the visitors' cache

    proposal.text_en = "Light every street"
    proposal.save()
    assert "Light every street" in read(client, agenda)

    proposal.delete()
    assert "Light every street" not in read(client, agenda)
