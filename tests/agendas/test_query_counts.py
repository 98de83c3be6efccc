"""The agenda page and the home page make the same number of SQL queries
whatever the size of the agenda."""

import pytest

from agendas.cache import new_generation
from agendas.models import Agenda, Issue
from communities.models import SecurityDimension
from tests.factories import IssueFactory, ProposalFactory
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db


def grow(agenda, times):
    """Add (times - 1) copies of every issue and proposal, with related dimensions."""
    dimensions = list(SecurityDimension.objects.all())
    issues = list(agenda.issues.all())
    proposals = list(agenda.proposals.all())
    for n in range(1, times):
        for i, issue in enumerate(issues):
            IssueFactory(
                agenda=agenda,
                title_en=f"{issue.title_en} ({n})",
                title_es=f"{issue.title_es} ({n})",
                dimension=dimensions[(i + n) % len(dimensions)],
                kind=issue.kind,
                visibility=issue.visibility,
                order=1000 * n + i,
                related_dimensions=dimensions[:3],
            )
        for i, proposal in enumerate(proposals):
            ProposalFactory(
                agenda=agenda,
                actor=proposal.actor,
                text_en=f"{proposal.text_en} ({n})",
                text_es=f"{proposal.text_es} ({n})",
                order=1000 * n + i,
                issues=issues[:2],
            )


def queries(client, url, cached=False):
    if not cached:
        new_generation()  # nothing cached: the page is built from the database
    return page_queries(client, url)


@pytest.mark.parametrize("role", ["visitor", "facilitator", "researcher"])
def test_agenda_page_queries_do_not_grow_with_the_agenda(client_for, role):
    client = client_for(role)
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    before, _ = queries(client, "/agendas/lazaro-cardenas/")
    issues_before = agenda.issues.count()
    grow(agenda, 10)
    assert agenda.issues.count() == 10 * issues_before
    after, response = queries(client, "/agendas/lazaro-cardenas/")
    assert after == before
    assert "Aggressions, assaults and robberies (9)" in response.content.decode() or (
        "Agresiones, asaltos y robos (9)" in response.content.decode()
    )


@pytest.mark.parametrize("role", ["visitor", "facilitator"])
def test_agenda_page_is_served_from_cache_until_the_agenda_changes(client_for, role):
    client = client_for(role)
    built, _ = queries(client, "/agendas/nuevo-almaguer/")
    cached, _ = queries(client, "/agendas/nuevo-almaguer/", cached=True)
    assert cached < built
    if role == "visitor":
        assert cached == 0  # answered from the cache alone
    issue = Issue.objects.filter(agenda__slug="nuevo-almaguer").first()
    issue.title_es = "Título cambiado"
    issue.save()
    _, response = queries(client, "/agendas/nuevo-almaguer/", cached=True)
    assert "Título cambiado" in response.content.decode()


def test_an_unpublished_agenda_leaves_the_visitor_cache_at_once(client_for):
    client = client_for("visitor")
    assert client.get("/agendas/nuevo-almaguer/").status_code == 200
    agenda = Agenda.objects.get(slug="nuevo-almaguer")
    agenda.status = "draft"
    agenda.save()
    # Not the cached page of the text now in work: the version last published.
    response = client.get("/agendas/nuevo-almaguer/")
    assert (response.status_code, response["Location"]) == (302, "/agendas/nuevo-almaguer/v1/")


def test_a_restricted_change_reaches_visitors_cached_page_at_once(client_for):
    client = client_for("visitor")
    issue = Issue.objects.get(title_en="Domestic violence", agenda__slug="lazaro-cardenas")
    assert issue.title_es in client.get("/agendas/lazaro-cardenas/").content.decode()
    issue.visibility = "restricted"
    issue.save()
    assert issue.title_es not in client.get("/agendas/lazaro-cardenas/").content.decode()


@pytest.mark.parametrize("role", ["visitor", "facilitator", "admin"])
def test_home_page_queries_do_not_grow_with_the_data(client_for, role):
    client = client_for(role)
    before, _ = queries(client, "/")
    for agenda in Agenda.objects.exclude(slug="national"):
        grow(agenda, 3)
    after, _ = queries(client, "/")
    assert after == before
