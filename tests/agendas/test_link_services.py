"""The links the database cannot check alone — a proposal's issues, an
issue's workshops, what a national point cites — are checked and written by
their apps' services, which the admin calls too: a refused link changes
nothing, and the admin says why instead of failing."""

import pytest
from django.core.exceptions import ValidationError

from agendas.models import Agenda, Issue
from agendas.services import set_workshops
from proposals.models import Proposal
from proposals.services import set_issues
from synthesis.models import NationalPoint
from synthesis.services import cite_issues, cite_proposals
from tests.helpers import EN
from tests.pages.helpers import page_text
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

OWN_AGENDA = "A proposal can only be linked to issues of its own agenda."
OWN_PLACE = "Choose workshops held in this agenda's neighbourhood."


def issues_of(slug):
    return list(Issue.objects.filter(agenda__slug=slug).select_related("agenda")[:2])


def test_a_proposal_is_linked_only_to_issues_of_its_own_agenda():
    proposal = Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()
    before = set(proposal.issues.values_list("pk", flat=True))
    own, foreign = issues_of("lazaro-cardenas"), issues_of("nuevo-almaguer")

    with pytest.raises(ValidationError) as refused:
        set_issues(proposal, own + foreign)
    assert list(refused.value.message_dict) == ["issues"]
    assert set(proposal.issues.values_list("pk", flat=True)) == before

    set_issues(proposal, own)
    assert set(proposal.issues.values_list("pk", flat=True)) == {i.pk for i in own}


def test_an_issue_lists_only_workshops_of_its_neighbourhood():
    issue = Issue.objects.filter(agenda__slug="lazaro-cardenas").first()
    before = set(issue.workshops.values_list("pk", flat=True))
    own = list(Workshop.objects.filter(neighbourhood__slug="lazaro-cardenas"))
    foreign = list(Workshop.objects.filter(neighbourhood__slug="sanchez-taboada")[:1])
    assert own and foreign

    with pytest.raises(ValidationError) as refused:
        set_workshops(issue, own + foreign)
    assert list(refused.value.message_dict) == ["workshops"]
    assert set(issue.workshops.values_list("pk", flat=True)) == before

    set_workshops(issue, own)
    assert set(issue.workshops.values_list("pk", flat=True)) == {w.pk for w in own}


def test_a_point_cites_only_local_issues_and_proposals():
    point = NationalPoint.objects.first()
    national = Agenda.objects.get(slug="national")
    not_local = Issue.objects.create(
        agenda=national,
        title_en="Not local",
        title_es="No local",
        dimension=Issue.objects.first().dimension,
        kind="prioritised",
    )
    proposal = Proposal.objects.create(agenda=national, actor="community", text_en="x")
    cited = set(point.issues.values_list("pk", flat=True))

    with pytest.raises(ValidationError) as refused:
        cite_issues(point, [not_local])
    assert refused.value.code == "citation_not_local"
    with pytest.raises(ValidationError):
        cite_proposals(point, [proposal])
    assert set(point.issues.values_list("pk", flat=True)) == cited
    assert not point.proposals.filter(pk=proposal.pk).exists()

    local = issues_of("lazaro-cardenas")
    cite_issues(point, local)
    assert set(point.issues.values_list("pk", flat=True)) == {i.pk for i in local}


def test_the_admin_says_why_a_proposal_cannot_answer_another_agendas_issue(client_for):
    lazaro = Agenda.objects.get(slug="lazaro-cardenas")
    foreign = issues_of("nuevo-almaguer")[0]
    before = Proposal.objects.count()

    response = client_for("admin").post(
        "/admin/proposals/proposal/add/",
        {
            "agenda": lazaro.pk,
            "actor": "community",
            "text_es": "x",
            "text_en": "x",
            "order": 0,
            "issues": [foreign.pk],
        },
        headers=EN,
    )

    assert response.status_code == 200  # the form again, with its error
    assert OWN_AGENDA in page_text(response)
    assert Proposal.objects.count() == before


def test_the_admin_says_why_an_issue_cannot_list_another_places_workshop(client_for):
    lazaro = Agenda.objects.get(slug="lazaro-cardenas")
    foreign = Workshop.objects.filter(neighbourhood__slug="sanchez-taboada").first()
    before = Issue.objects.count()

    response = client_for("admin").post(
        "/admin/agendas/issue/add/",
        {
            "agenda": lazaro.pk,
            "title_es": "x",
            "title_en": "x",
            "dimension": Issue.objects.first().dimension_id,
            "kind": "prioritised",
            "visibility": "public",
            "order": 0,
            "workshops": [foreign.pk],
        },
        headers=EN,
    )

    assert response.status_code == 200
    assert OWN_PLACE in page_text(response)
    assert Issue.objects.count() == before
