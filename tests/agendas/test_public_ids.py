"""Agenda pages, published versions and booklets name their sections,
issues, proposals and national points by public id: no anchor carries a
counting database id, and every link from a national point to a local issue
(and back) lands on an anchor that exists."""

import re

import pytest

from agendas.models import Agenda, AgendaVersion, Issue, Section
from booklets.rendering import booklet_html
from core.public_ids import PATTERN
from proposals.models import Proposal
from publication.versions import snapshot_of
from synthesis.models import NationalPoint
from tests.pages.helpers import get_in

pytestmark = pytest.mark.django_db

PUBLIC_ID = PATTERN.strip("^$")
ANCHOR = re.compile(r'id="(section|issue|proposal|point)-([^"]*)"')
LINK = re.compile(r'href="[^"]*/agendas/([-\w]+)/#(issue|proposal|point)-([^"]*)"')
PAGES = [
    "/agendas/lazaro-cardenas/",
    "/agendas/sanchez-taboada/",
    "/agendas/national/",
    "/agendas/lazaro-cardenas/v1/",
    "/agendas/national/v1/",
]


def anchors(body):
    return ANCHOR.findall(body)


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", ["visitor", "researcher"])
def test_every_anchor_of_a_page_is_a_public_id(client_for, url, role):
    body = get_in(client_for(role), url, "en").content.decode()
    found = anchors(body)
    assert found
    for kind, value in found:
        assert re.fullmatch(PUBLIC_ID, value), (kind, value)
    for _slug, kind, value in LINK.findall(body):
        assert re.fullmatch(PUBLIC_ID, value), (kind, value)


def test_the_issue_anchors_are_the_issues_a_visitor_may_see(client):
    body = get_in(client, "/agendas/lazaro-cardenas/", "en").content.decode()
    shown = {value for kind, value in anchors(body) if kind == "issue"}
    visible = Issue.objects.visible_to(None).filter(agenda__slug="lazaro-cardenas")
    assert shown == set(visible.values_list("public_id", flat=True))
    restricted = Issue.objects.get(agenda__slug="lazaro-cardenas", visibility="restricted")
    assert restricted.public_id not in body


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_a_booklet_names_its_parts_by_public_id(demo_users, edition):
    agenda = Agenda.objects.get(slug="national")
    html = booklet_html(
        agenda, user=demo_users["researcher"], edition=edition, language="es", paper="a4"
    )
    found = anchors(html)
    assert {"section", "point"} <= {kind for kind, _value in found}
    for kind, value in found:
        assert re.fullmatch(PUBLIC_ID, value), (kind, value)
    tocs = re.findall(r'href="#section-([^"]*)"', html)
    assert tocs
    assert set(tocs) <= {value for kind, value in found if kind == "section"}


@pytest.mark.parametrize("national", ["/agendas/national/", "/agendas/national/v1/"])
def test_every_citation_lands_on_an_anchor_of_the_local_page_and_back(client, national):
    body = get_in(client, national, "en").content.decode()
    links = LINK.findall(body)
    assert {kind for _slug, kind, _value in links} == {"issue", "proposal"}
    local_pages = {}
    for slug, kind, value in links:
        if slug not in local_pages:
            local_pages[slug] = get_in(client, f"/agendas/{slug}/", "en").content.decode()
        assert f'id="{kind}-{value}"' in local_pages[slug], (slug, kind, value)
    live = get_in(client, "/agendas/national/", "en").content.decode()
    points = {value for kind, value in anchors(live) if kind == "point"}
    back = [
        value
        for page in local_pages.values()
        for _slug, kind, value in LINK.findall(page)
        if kind == "point"
    ]
    assert back
    assert set(back) <= points


@pytest.mark.parametrize("slug", ["lazaro-cardenas", "national"])
def test_a_version_written_before_public_ids_still_anchors_by_public_id(client, slug):
    """Versions published before rows had public ids keep only database ids
    in their snapshot: the page finds the public ids of the live rows."""
    agenda = Agenda.objects.get(slug=slug)
    snapshot = snapshot_of(agenda)
    for part in ("sections", "issues", "proposals"):
        for item in snapshot[part]:
            del item["public_id"]
            for point in item.get("points", []):
                del point["public_id"]
    AgendaVersion.objects.create(agenda=agenda, number=2, snapshot=snapshot)
    body = get_in(client, f"/agendas/{slug}/v2/", "en").content.decode()
    found = anchors(body)
    expected = {
        "issue": Issue.objects.visible_to(None).filter(agenda=agenda),
        "proposal": Proposal.objects.filter(agenda=agenda),
        "section": Section.objects.filter(agenda=agenda),
        "point": NationalPoint.objects.filter(section__agenda=agenda),
    }
    for kind, rows in expected.items():
        shown = {value for found_kind, value in found if found_kind == kind}
        assert shown <= set(rows.values_list("public_id", flat=True)), kind
    assert {value for kind, value in found if kind == "issue"} == set(
        expected["issue"].values_list("public_id", flat=True)
    )
    if slug == "national":
        assert {value for kind, value in found if kind == "point"} == set(
            expected["point"].values_list("public_id", flat=True)
        )
    else:
        assert {kind for kind, _value in found} >= {"section", "issue", "proposal"}
