"""The facilitator's dashboard: their neighbourhoods, agenda statuses,
recent workshops and what needs attention — and nobody else's."""

import pytest

from communities.models import Neighbourhood, ParticipantGroup
from proposals.models import Proposal
from tests.factories import AttendanceFactory, ProposalFactory, WorkshopFactory
from tests.helpers import EN, page_queries
from workshops.models import Workshop

from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db


def test_visitor_is_sent_to_sign_in(client):
    response = client.get("/workspace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_resident_is_refused(client_for):
    response = client_for("resident").get("/workspace/", headers=EN)
    assert response.status_code == 403
    assert "Not allowed" in page_text(response)


def test_facilitator_sees_only_their_neighbourhood(client_for):
    text = page_text(client_for("facilitator").get("/workspace/", headers=EN))
    assert "Lázaro Cárdenas" in text
    assert "Human Security Agenda for Apatzingán Published" in text
    assert "Sánchez Taboada" not in text
    assert "Nuevo Almaguer" not in text
    # Seed proposals are not linked to issues yet: they need attention.
    assert "Proposals not linked to any issue" in text
    assert "Police forces should be trained to care for victims" in text


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_researchers_and_admins_see_every_neighbourhood(client_for, role):
    text = page_text(client_for(role).get("/workspace/", headers=EN))
    for name in [
        "Lázaro Cárdenas",
        "Sánchez Taboada",
        "Nuevo Almaguer",
        "A neighbourhood in Acapulco",
    ]:
        assert name in text


def test_workshop_without_attendance_needs_attention(client_for):
    neighbourhood = Neighbourhood.objects.get(slug="lazaro-cardenas")
    Workshop.objects.create(
        neighbourhood=neighbourhood, title_en="Evening workshop", title_es="Taller vespertino"
    )
    Workshop.objects.create(
        neighbourhood=Neighbourhood.objects.get(slug="nuevo-almaguer"),
        title_en="Another neighbourhood's workshop",
        title_es="Taller de otra colonia",
    )
    text = page_text(client_for("facilitator").get("/workspace/", headers=EN))
    attention = text.split("Needs attention")[1].split("Recent workshops")[0]
    assert "Evening workshop" in attention
    assert "Another neighbourhood's workshop" not in text


def test_the_workspace_link_shows_only_for_those_allowed(client_for):
    assert "/workspace/" in client_for("facilitator").get("/").content.decode()
    assert "/workspace/" not in client_for("resident").get("/").content.decode()
    assert "/workspace/" not in client_for("visitor").get("/").content.decode()


def test_dashboard_queries_do_not_grow_with_the_data(client_for):
    client = client_for("facilitator")

    def count():
        return page_queries(client, "/workspace/")[0]

    before = count()
    neighbourhood = Neighbourhood.objects.get(slug="lazaro-cardenas")
    group = ParticipantGroup.objects.get(slug="women")
    for n in range(30):
        workshop = WorkshopFactory(
            neighbourhood=neighbourhood,
            title_en=f"Workshop {n}",
            title_es=f"Taller {n}",
            date=None,
            people_present=n if n % 2 else None,
            first_timers=n // 2 if n % 2 else None,
        )
        if n % 2:
            AttendanceFactory(workshop=workshop, group=group, count=n)
    for proposal in Proposal.objects.filter(agenda__slug="lazaro-cardenas"):
        for copy in range(1, 10):
            ProposalFactory(
                agenda=proposal.agenda,
                actor=proposal.actor,
                text_en=proposal.text_en,
                text_es=proposal.text_es,
                order=proposal.order + 100 * copy,
            )
    assert count() == before
