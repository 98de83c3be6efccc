"""The national agenda's principles and requirements cite the local issues
and proposals they draw on; the links go both ways and obey the rules."""

import re
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from agendas.cache import new_generation
from agendas.models import Agenda, AgendaVersion, Issue, Section
from booklets.rendering import booklet_html
from proposals.models import Proposal
from publication.lifecycle import move
from synthesis.models import NationalPoint
from tests.factories import NationalPointFactory
from tests.helpers import RESTRICTED_EN, RESTRICTED_ES, page_queries
from tests.pages.helpers import get_in, page_text, plain

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "demo" / "data" / "seed.yaml"


def seed_points():
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    national = next(a for a in data["agendas"] if a["slug"] == "national")
    return [p for s in national["sections"] for p in s.get("points", [])]


def restricted_issue():
    return Issue.objects.get(title_en=RESTRICTED_EN)


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_principle_and_requirement_of_the_seed_is_on_the_national_page_in_order(
    client, language
):
    text = page_text(get_in(client, "/agendas/national/", language))
    positions = []
    for point in seed_points():
        words = plain(point["text"][language])[0]
        assert words in text, words
        positions.append(text.index(words))
    assert positions == sorted(positions)
    assert len(positions) == 15


def test_principles_are_numbered_and_requirements_are_bullets(client):
    body = get_in(client, "/agendas/national/", "en").content.decode()
    principles = Section.objects.get(agenda__slug="national", kind="principles")
    block = body[body.index(f'id="section-{principles.public_id}"') :]
    assert block.index('<ol class="national-points">') < block.index("Protection that is")
    assert '<ul class="national-points">' in body


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_point_links_to_the_local_issues_and_proposals_it_cites(client, language):
    body = get_in(client, "/agendas/national/", language).content.decode()
    point = NationalPoint.objects.get(text_en__startswith="**Restoring trust in the police**")
    item = body[body.index(f'id="point-{point.public_id}"') :]
    item = item[: item.index("</li>\n</ul>") if "</li>\n</ul>" in item else 4000]
    for issue in point.issues.all():
        assert f'href="/agendas/{issue.agenda.slug}/#issue-{issue.public_id}"' in item
        assert getattr(issue, f"title_{language}") in item
    # The place of each cited issue is named.
    assert "Sánchez Taboada, Tijuana" in item


def test_a_cited_anchor_exists_on_the_local_page_and_links_back(client):
    point = NationalPoint.objects.get(text_en__startswith="**Confront clientelism**")
    issue = point.issues.get(agenda__slug="sanchez-taboada")
    local = get_in(client, "/agendas/sanchez-taboada/", "en").content.decode()
    assert f'id="issue-{issue.public_id}"' in local
    item = local[local.index(f'id="issue-{issue.public_id}"') :]
    item = item[: item.index('class="issue"', 10) if 'class="issue"' in item[10:] else None]
    assert "Cited in the national agenda:" in item
    assert f'href="/agendas/national/#point-{point.public_id}"' in item
    proposal = point.proposals.get(agenda__slug="lazaro-cardenas")
    assert (
        f'id="proposal-{proposal.public_id}"'
        in get_in(client, "/agendas/lazaro-cardenas/", "en").content.decode()
    )


def test_the_spanish_page_says_it_in_spanish(client):
    national = page_text(get_in(client, "/agendas/national/", "es"))
    assert "Se basa en evidencia local:" in national
    local = page_text(get_in(client, "/agendas/lazaro-cardenas/", "es"))
    assert "Citado en la agenda nacional:" in local


@pytest.mark.parametrize("role", ["visitor", "resident", "other_facilitator", "facilitator"])
def test_a_restricted_issue_cited_by_a_point_is_not_shown_to_those_who_may_not_see_it(
    client_for, role
):
    client = client_for(role)
    assert restricted_issue().national_points.exists()  # the demo cites it
    for language in ("es", "en"):
        body = get_in(client, "/agendas/national/", language).content.decode()
        assert RESTRICTED_EN not in body and RESTRICTED_ES not in body
        assert f"#issue-{restricted_issue().public_id}" not in body
        version = get_in(client, "/agendas/national/v1/", language).content.decode()
        assert RESTRICTED_EN not in version and RESTRICTED_ES not in version


@pytest.mark.parametrize("role", ["researcher", "admin"])
def test_those_who_may_see_restricted_items_see_the_citation_marked(client_for, role):
    # The national page's citations are read by audience: researchers and
    # admins, or everyone else as a visitor (even the issue's own facilitator,
    # who sees it on the local page).
    body = get_in(client_for(role), "/agendas/national/", "en").content.decode()
    item = body[body.index(RESTRICTED_EN) :][:600]
    assert "Restricted: not shown to the public" in item
    assert RESTRICTED_EN in get_in(client_for(role), "/agendas/national/v1/", "en").content.decode()


def test_the_public_booklet_leaves_the_restricted_citation_out_whoever_prints_it(demo_users):
    national = Agenda.objects.get(slug="national")
    researcher = demo_users["researcher"]
    public = booklet_html(national, user=researcher, edition="public", language="en", paper="a4")
    assert RESTRICTED_EN not in public
    assert "Draws on local evidence:" in public
    internal = booklet_html(
        national, user=researcher, edition="internal", language="en", paper="a4"
    )
    assert RESTRICTED_EN in internal
    # Links in the PDF lead to the site, not to the booklet's made-up host.
    assert re.search(r'href="http://[^"]+/agendas/lazaro-cardenas/#issue-[a-z0-9]{12}"', public)


@pytest.mark.parametrize("role", ["visitor", "facilitator", "researcher"])
def test_local_pages_name_no_national_point_while_the_national_agenda_is_unpublished(
    client_for, demo_users, role
):
    new_generation()  # nothing cached by an earlier test's rolled-back data
    url = "/agendas/lazaro-cardenas/"
    cited = "Cited in the national agenda:"
    assert cited in get_in(client_for(role), url, "en").content.decode()
    move(Agenda.objects.get(slug="national"), Agenda.Status.DRAFT, by=demo_users["admin"])
    assert cited not in get_in(client_for(role), url, "en").content.decode()


def test_a_point_cites_only_local_evidence_whichever_side_adds_it():
    national = Agenda.objects.get(slug="national")
    point = NationalPoint.objects.first()
    not_local = Issue.objects.create(
        agenda=national,
        title_en="Not local",
        title_es="No local",
        dimension=restricted_issue().dimension,
        kind="prioritised",
    )
    before = set(point.issues.values_list("pk", flat=True))
    with pytest.raises(ValidationError), transaction.atomic():
        point.issues.add(not_local)
    with pytest.raises(ValidationError), transaction.atomic():
        not_local.national_points.add(point)
    assert set(point.issues.values_list("pk", flat=True)) == before
    proposal = Proposal.objects.create(agenda=national, actor="community", text_en="x", text_es="x")
    with pytest.raises(ValidationError), transaction.atomic():
        point.proposals.add(proposal)
    assert not point.proposals.filter(pk=proposal.pk).exists()


def test_a_point_belongs_in_a_national_principles_or_requirements_section():
    local_section = Section.objects.filter(agenda__scope="local").first()
    with pytest.raises(ValidationError):
        NationalPoint(section=local_section, text_en="x", text_es="x").full_clean()
    context = Section.objects.get(agenda__slug="national", kind="context")
    with pytest.raises(ValidationError):
        NationalPoint(section=context, text_en="x", text_es="x").full_clean()


def test_the_published_version_keeps_the_words_of_its_points(client):
    point = NationalPoint.objects.get(text_en__startswith="Protection that is efficient")
    old = point.text_en
    point.text_en = "A new wording of the first principle."
    point.save()
    version = page_text(get_in(client, "/agendas/national/v1/", "en"))
    assert old in version and "A new wording" not in version
    # ...and the live page shows the new words at once (the page cache moves on).
    assert "A new wording" in page_text(get_in(client, "/agendas/national/", "en"))


def test_publishing_again_freezes_the_points_and_their_citations(demo_users):
    national = Agenda.objects.get(slug="national")
    admin = demo_users["admin"]
    move(national, Agenda.Status.DRAFT, by=admin)
    move(national, Agenda.Status.CONSULTATION, by=admin)
    move(national, Agenda.Status.VALIDATED, by=admin)
    move(national, Agenda.Status.PUBLISHED, by=admin)
    latest = AgendaVersion.objects.filter(agenda=national).order_by("-number").first()
    points = [p for s in latest.snapshot["sections"] for p in s["points"]]
    assert len(points) == 15
    cited = {pk for p in points for pk in p["issues"]}
    assert restricted_issue().pk in cited


def test_adding_a_citation_shows_at_once_on_a_cached_page(client):
    url = "/agendas/national/"
    get_in(client, url, "en")  # cached now
    issue = Issue.objects.get(agenda__slug="nuevo-almaguer", title_en="Disappearances")
    NationalPoint.objects.first().issues.add(issue)
    assert "Disappearances" in get_in(client, url, "en").content.decode()


def grow_citations(times):
    """Ten times the points, each citing ten times the evidence."""
    issues = list(Issue.objects.filter(agenda__scope="local"))
    proposals = list(Proposal.objects.filter(agenda__scope="local"))
    for point in list(NationalPoint.objects.all()):
        for n in range(1, times):
            NationalPointFactory(
                section=point.section,
                order=100 * n + point.order,
                text_en=f"{point.text_en} ({n})",
                text_es=f"{point.text_es} ({n})",
                issues=issues[n::3],
                proposals=proposals[n::3],
            )


@pytest.mark.parametrize("role", ["visitor", "researcher"])
def test_the_national_page_costs_the_same_queries_with_ten_times_the_points(client_for, role):
    client = client_for(role)

    def count(url):
        new_generation()
        return page_queries(client, url)[0]

    before = [count("/agendas/national/"), count("/agendas/lazaro-cardenas/")]
    points = NationalPoint.objects.count()
    grow_citations(10)
    assert NationalPoint.objects.count() == 10 * points
    after = [count("/agendas/national/"), count("/agendas/lazaro-cardenas/")]
    assert after == before


def test_the_admin_offers_national_sections_and_local_evidence_only(client_for):
    client = client_for("admin")
    response = client.get("/admin/synthesis/nationalpoint/add/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    sections = form.fields["section"].queryset
    assert sections.exists()
    assert set(sections.values_list("kind", flat=True)) == {"principles", "requirements"}
    assert set(sections.values_list("agenda__scope", flat=True)) == {"national"}
    assert set(form.fields["issues"].queryset.values_list("agenda__scope", flat=True)) == {"local"}
    assert set(form.fields["proposals"].queryset.values_list("agenda__scope", flat=True)) == {
        "local"
    }


@pytest.mark.parametrize("role", ["facilitator", "researcher"])
def test_only_admins_change_the_national_points(client_for, role):
    point = NationalPoint.objects.first()
    url = f"/admin/synthesis/nationalpoint/{point.pk}/change/"
    before = point.text_en
    response = client_for(role).post(url, {"text_en": "changed", "text_es": "cambiado"})
    assert response.status_code in (302, 403)
    point.refresh_from_db()
    assert point.text_en == before
