"""The residents' consultation forms name texts, issues and proposals by
public id: a resident who counts the addresses of what they see learns
nothing about the restricted issues between them, and a database id, or the
public id of something they may not see, is answered 404 and changes nothing."""

import re

import pytest

from agendas.models import Agenda, Issue, Section
from core.public_ids import PATTERN
from editing.models import Comment, Suggestion, Support
from proposals.models import Proposal

pytestmark = pytest.mark.django_db

PAGE = "/agendas/lazaro-cardenas/consultation/"
PUBLIC_ID = PATTERN.strip("^$")
ADDRESS = re.compile(r'(?:href|action)="/(suggest/\w+|comment/\w+|support)/([^/"]+)/"')
ANCHOR = re.compile(r'id="(issue|proposal)-([^"]*)"')


@pytest.fixture
def consultation():
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")


def test_the_consultation_page_names_everything_by_public_id(client_for, demo_users, consultation):
    body = client_for("resident").get(PAGE).content.decode()
    addresses = ADDRESS.findall(body)
    assert {form.split("/")[0] for form, _value in addresses} == {"suggest", "comment", "support"}
    for form, value in [*addresses, *ANCHOR.findall(body)]:
        assert re.fullmatch(PUBLIC_ID, value), (form, value)
    named = {value for _form, value in addresses}
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    seen = {
        *Issue.objects.visible_to(demo_users["resident"])
        .filter(agenda=agenda)
        .values_list("public_id", flat=True),
        *Proposal.objects.filter(agenda=agenda).values_list("public_id", flat=True),
        *Section.objects.filter(agenda=agenda).values_list("public_id", flat=True),
    }
    assert named == seen
    restricted = Issue.objects.get(agenda=agenda, visibility="restricted")
    assert restricted.public_id not in body


def test_a_database_id_in_a_residents_address_is_not_found(client_for, consultation):
    resident = client_for("resident")
    issue = Issue.objects.filter(agenda__slug="lazaro-cardenas", visibility="public").first()
    proposal = Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()
    section = Section.objects.filter(agenda__slug="lazaro-cardenas").first()
    assert resident.get(f"/suggest/issue/{issue.pk}/").status_code == 404
    assert resident.get(f"/suggest/section/{section.pk}/").status_code == 404
    assert resident.post(f"/comment/issue/{issue.pk}/", {"text": "Hello"}).status_code == 404
    assert resident.post(f"/support/{proposal.pk}/").status_code == 404
    assert resident.post("/support/not-an-id-at-all/").status_code == 404
    assert not Comment.objects.exists()
    assert not Support.objects.exists()
    assert not Suggestion.objects.exists()


def test_a_restricted_issues_public_id_is_not_found_for_a_resident(client_for, consultation):
    resident = client_for("resident")
    restricted = Issue.objects.get(agenda__slug="lazaro-cardenas", visibility="restricted")
    assert resident.get(f"/suggest/issue/{restricted.public_id}/").status_code == 404
    url = f"/comment/issue/{restricted.public_id}/"
    assert resident.post(url, {"text": "Hello"}).status_code == 404
    assert not Comment.objects.exists()


def test_a_comment_brings_the_resident_back_to_the_issues_public_anchor(client_for, consultation):
    issue = Issue.objects.filter(agenda__slug="lazaro-cardenas", visibility="public").first()
    response = client_for("resident").post(
        f"/comment/issue/{issue.public_id}/", {"text": "We see it every night"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#issue-{issue.public_id}"
    assert Comment.objects.get().issue == issue
