"""The demo's restricted silenced issue reaches only the Lázaro Cárdenas
facilitators, researchers and admins: not on pages, not in counts, not in
admin lists, for anyone else."""

import re

import pytest

from agendas.models import Issue
from tests.helpers import EN, RESTRICTED_EN, ROLES

from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db

ALLOWED = {"facilitator": True, "researcher": True, "admin": True}


def public_issue_count():
    return Issue.objects.filter(agenda__slug="lazaro-cardenas", visibility="public").count()


@pytest.mark.parametrize("role", ROLES)
def test_restricted_issue_on_agenda_page_only_for_those_allowed(client_for, role):
    response = client_for(role).get("/agendas/lazaro-cardenas/", headers={"accept-language": "en"})
    assert response.status_code == 200
    text = page_text(response)
    assert (RESTRICTED_EN in text) is ALLOWED.get(role, False)
    assert ("Restricted: not shown to the public" in text) is ALLOWED.get(role, False)


@pytest.mark.parametrize("role", ROLES)
def test_restricted_issue_counted_only_for_those_allowed(client_for, role):
    text = page_text(client_for(role).get("/", headers={"accept-language": "en"}))
    shown = re.search(r"Human Security Agenda for Apatzingán (\d+) issues", text)
    expected = public_issue_count() + (1 if ALLOWED.get(role) else 0)
    assert int(shown.group(1)) == expected


@pytest.mark.parametrize("role", ROLES)
def test_restricted_issue_in_admin_list_only_for_those_allowed(client_for, role):
    response = client_for(role).get("/admin/agendas/issue/?q=invented", headers=EN)
    if role == "admin":
        assert response.status_code == 200
        assert RESTRICTED_EN in page_text(response)
    else:
        # Not staff: the admin sends them to its sign-in page, showing nothing.
        assert response.status_code == 302
        assert RESTRICTED_EN not in response.content.decode()


def test_staff_facilitator_of_another_neighbourhood_sees_no_restricted_issue_in_admin(
    make_person, client
):
    from django.contrib.auth.models import Permission

    person = make_person(
        "staff-facilitator", role="facilitator", neighbourhood="sanchez-taboada", is_staff=True
    )
    person.user_permissions.add(Permission.objects.get(codename="view_issue"))
    client.force_login(person)
    response = client.get("/admin/agendas/issue/?q=invented", headers=EN)
    assert response.status_code == 200
    assert RESTRICTED_EN not in page_text(response)
    # Not even in the admin's count of rows.
    response = client.get("/admin/agendas/issue/", headers=EN)
    visible = Issue.objects.filter(agenda__status="published", visibility="public").count()
    assert f"{visible} issues" in page_text(response)
    restricted = Issue.objects.get(visibility="restricted")
    assert client.get(f"/admin/agendas/issue/{restricted.pk}/change/").status_code in (
        302,
        403,
        404,
    )


def test_staff_facilitator_of_the_neighbourhood_sees_it_in_admin(make_person, client):
    from django.contrib.auth.models import Permission

    person = make_person(
        "staff-facilitator-lc", role="facilitator", neighbourhood="lazaro-cardenas", is_staff=True
    )
    person.user_permissions.add(Permission.objects.get(codename="view_issue"))
    client.force_login(person)
    assert RESTRICTED_EN in page_text(client.get("/admin/agendas/issue/?q=invented", headers=EN))
