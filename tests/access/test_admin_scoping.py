"""The admin answers a staff facilitator of another neighbourhood as the
pages do: no restricted issue in a picker, a read-only line, a list filter or
a change list, no agenda they may not change to add things to, and no
national points to write (those are the admins')."""

import pytest

from agendas.models import Agenda, Issue
from proposals.models import Proposal
from synthesis.models import NationalPoint
from tests.helpers import EN, page_queries
from workshops.models import Workshop

from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted():
    return Issue.objects.get(visibility="restricted", agenda__slug="lazaro-cardenas")


@pytest.fixture
def staff(make_person, client):
    """A signed-in client for a staff facilitator of `neighbourhood`."""

    def sign_in(neighbourhood):
        person = make_person(
            f"staff-{neighbourhood}", role="facilitator", neighbourhood=neighbourhood, is_staff=True
        )
        client.force_login(person)
        return client

    return sign_in


@pytest.fixture
def proposal_answering(restricted):
    """A proposal of the restricted issue's agenda answering it and a public issue."""
    public = Issue.objects.filter(agenda=restricted.agenda, visibility="public").first()
    proposal = Proposal.objects.create(
        agenda=restricted.agenda, actor="community", text_en="Answers both", text_es="Responde"
    )
    proposal.issues.set([restricted, public])
    return proposal, public


def test_read_only_proposal_page_lists_only_the_issues_one_may_see(
    staff, proposal_answering, restricted
):
    proposal, public = proposal_answering
    client = staff("sanchez-taboada")
    response = client.get(f"/admin/proposals/proposal/{proposal.pk}/change/", headers=EN)
    assert response.status_code == 200
    text = page_text(response)
    assert public.title_en in text
    assert restricted.title_en not in text
    assert restricted.title_es not in text


def test_read_only_proposal_page_lists_the_restricted_issue_for_its_team(
    staff, proposal_answering, restricted
):
    proposal, _public = proposal_answering
    response = staff("lazaro-cardenas").get(
        f"/admin/proposals/proposal/{proposal.pk}/change/", headers=EN
    )
    assert response.status_code == 200
    # Its team may change it: the picker offers the restricted issue, chosen.
    assert restricted in response.context["adminform"].form.fields["issues"].queryset


def test_national_point_page_does_not_name_a_restricted_issue_it_cites(staff, restricted):
    point = NationalPoint.objects.filter(issues=restricted).first()
    other = point.issues.exclude(pk=restricted.pk).first()
    response = staff("sanchez-taboada").get(
        f"/admin/synthesis/nationalpoint/{point.pk}/change/", headers=EN
    )
    assert response.status_code == 200
    text = page_text(response)
    assert other.title_en in text
    assert restricted.title_en not in text


def test_issue_pickers_offer_only_visible_issues(staff, restricted):
    client = staff("sanchez-taboada")
    form = client.get("/admin/proposals/proposal/add/", headers=EN).context["adminform"].form
    assert restricted not in form.fields["issues"].queryset
    assert form.fields["issues"].queryset.filter(agenda__slug="sanchez-taboada").exists()


def test_only_agendas_one_may_change_are_offered_to_add_to(staff):
    client = staff("sanchez-taboada")
    for url in ("/admin/proposals/proposal/add/", "/admin/agendas/issue/add/"):
        form = client.get(url).context["adminform"].form
        assert set(form.fields["agenda"].queryset.values_list("slug", flat=True)) == {
            "sanchez-taboada"
        }
    form = client.get("/admin/workshops/workshop/add/").context["adminform"].form
    assert set(form.fields["neighbourhood"].queryset.values_list("slug", flat=True)) == {
        "sanchez-taboada"
    }
    # The workshops an issue came up in: their own only.
    form = client.get("/admin/agendas/issue/add/").context["adminform"].form
    assert set(form.fields["workshops"].queryset.values_list("neighbourhood__slug", flat=True)) == {
        "sanchez-taboada"
    }


def test_a_proposal_cannot_be_added_to_an_agenda_one_may_not_change(staff):
    lazaro = Agenda.objects.get(slug="lazaro-cardenas")
    before = Proposal.objects.count()
    response = staff("sanchez-taboada").post(
        "/admin/proposals/proposal/add/",
        {"agenda": lazaro.pk, "actor": "community", "text_es": "x", "text_en": "x", "order": 0},
        headers=EN,
    )
    assert response.status_code == 200  # the form again, with its error
    assert "Select a valid choice" in page_text(response)
    assert Proposal.objects.count() == before


def test_list_filters_offer_only_agendas_one_may_see(staff):
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="draft")
    client = staff("sanchez-taboada")
    lazaro = Agenda.objects.get(slug="lazaro-cardenas")
    for url in ("/admin/agendas/issue/", "/admin/proposals/proposal/"):
        response = client.get(url, headers=EN)
        assert response.status_code == 200
        text = page_text(response)
        assert "By agenda" in text
        assert lazaro.title_en not in text
        assert Agenda.objects.get(slug="sanchez-taboada").title_en in text


def test_workshops_of_another_neighbourhood_are_not_listed(staff):
    client = staff("sanchez-taboada")
    response = client.get("/admin/workshops/workshop/", headers=EN)
    assert response.status_code == 200
    listed = set(response.context["cl"].result_list)
    assert listed == set(Workshop.objects.filter(neighbourhood__slug="sanchez-taboada"))
    other = Workshop.objects.filter(neighbourhood__slug="lazaro-cardenas").first()
    assert client.get(f"/admin/workshops/workshop/{other.pk}/change/").status_code in (302, 403)


@pytest.mark.parametrize("role", ["facilitator", "other_facilitator", "researcher"])
def test_only_admins_may_add_national_points(demo_users, role):
    assert not demo_users[role].has_perm("synthesis.add_nationalpoint")
    assert demo_users["admin"].has_perm("synthesis.add_nationalpoint")


def test_a_staff_facilitator_cannot_open_the_national_point_form(staff):
    client = staff("sanchez-taboada")
    assert client.get("/admin/synthesis/nationalpoint/add/").status_code == 403
    point = NationalPoint.objects.first()
    before = point.text_en
    response = client.post(
        f"/admin/synthesis/nationalpoint/{point.pk}/change/",
        {"section": point.section_id, "text_en": "changed", "text_es": "cambiado", "order": 0},
    )
    assert response.status_code == 403
    point.refresh_from_db()
    assert point.text_en == before


def test_read_only_pages_cost_the_same_queries_with_ten_times_the_links(staff, restricted):
    """The read-only lines and the list filters ask one query each, however
    many issues a proposal answers or agendas there are."""
    agenda = restricted.agenda
    proposal = Proposal.objects.create(agenda=agenda, actor="community", text_en="x", text_es="x")
    public = list(Issue.objects.filter(agenda=agenda, visibility="public").order_by("pk"))
    client = staff("sanchez-taboada")

    def count(url):
        return page_queries(client, url)[0]

    urls = [f"/admin/proposals/proposal/{proposal.pk}/change/", "/admin/proposals/proposal/"]
    proposal.issues.set(public[:1])
    before = [count(url) for url in urls]
    proposal.issues.set(public[:10])
    assert len(public) >= 10
    assert [count(url) for url in urls] == before
