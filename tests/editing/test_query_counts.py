"""The agenda, version, saved-texts, review and consultation pages make the
same number of queries at ten times the revisions, suggestions, comments
and versions."""

import pytest

from agendas.models import Agenda, Issue
from editing.models import Support
from proposals.models import Proposal
from publication.lifecycle import move
from tests.factories import CommentFactory, SuggestionFactory
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db


def grow(times, demo_users):
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    issue = Issue.objects.filter(agenda=agenda, kind="prioritised").first()
    proposal = Proposal.objects.filter(agenda=agenda).first()
    resident, facilitator = demo_users["resident"], demo_users["facilitator"]
    for n in range(times):
        issue.title_en = f"Edited {n}"
        issue.revision += 1
        issue.save()
        SuggestionFactory(issue=issue, original="a", wording=f"b {n}", author=resident)
        CommentFactory(issue=issue, author=resident, text=f"c {n}")
        CommentFactory(agenda=agenda, issue=None, proposal=proposal, author=resident, text=f"p {n}")
    Support.objects.get_or_create(proposal=proposal, user=resident)
    for _round in range(times // 3 or 1):
        for target in ["draft", "consultation", "validated", "published"]:
            agenda = move(agenda, target, facilitator)
    Agenda.objects.filter(pk=agenda.pk).update(status="consultation")
    return issue


def test_editing_pages_cost_the_same_at_ten_times_the_data(client_for, demo_users):
    issue = grow(3, demo_users)
    facilitator, resident = client_for("facilitator"), client_for("resident")
    pages = [
        (facilitator, "/agendas/lazaro-cardenas/"),
        (facilitator, "/agendas/lazaro-cardenas/v2/"),
        (facilitator, f"/workspace/texts/issue/{issue.pk}/"),
        (facilitator, f"/workspace/issues/{issue.pk}/history/"),
        (facilitator, "/workspace/agendas/lazaro-cardenas/suggestions/"),
        (facilitator, "/workspace/agendas/lazaro-cardenas/"),
        (facilitator, "/agendas/lazaro-cardenas/consultation/"),
        (resident, "/agendas/lazaro-cardenas/consultation/"),
        (resident, "/my-suggestions/"),
    ]
    before = [page_queries(client, path)[0] for client, path in pages]
    grow(30, demo_users)
    after = [page_queries(client, path)[0] for client, path in pages]
    assert after == before, list(zip([p for _c, p in pages], before, after, strict=True))
