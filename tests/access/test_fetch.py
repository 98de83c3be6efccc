"""The one fetch-and-check of every page (access.fetch): an object the person
may not see answers 404, exactly as one that does not exist; one they may see
but not change answers 403; otherwise the page gets the object. What may be
seen is what the model's `visible_to` returns, and nothing else."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from access.fetch import get_allowed_or_403, get_visible_or_404
from agendas.models import Agenda, Issue, IssueQuerySet, Section
from editing.models import SUGGESTED_ON, Suggestion
from items.registry import KINDS
from proposals.models import Proposal
from synthesis.models import NationalPoint
from voting.models import VotingRound

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "resident", "other_facilitator", "facilitator", "researcher", "admin"]
# The demo's restricted issue, on the Lázaro Cárdenas agenda (published).
RESTRICTED_TITLE = "Demo only: an invented restricted issue"
PUBLIC_TITLE = "Aggressions, assaults and robberies"
GOT = "the object"
# What asking to change each issue answers, role by role (the order of ROLES).
CHANGING = {
    RESTRICTED_TITLE: (404, 404, 404, GOT, 403, GOT),
    PUBLIC_TITLE: (403, 403, 403, GOT, 403, GOT),
}


def person(demo_users, role):
    return demo_users[role] or AnonymousUser()


def answer(fetch, *args, **lookup):
    try:
        fetch(*args, **lookup)
    except Http404:
        return 404
    except PermissionDenied:
        return 403
    return GOT


def issue(title):
    return Issue.objects.get(agenda__slug="lazaro-cardenas", title_en=title)


@pytest.mark.parametrize("title", CHANGING)
@pytest.mark.parametrize("role", ROLES)
def test_changing_an_issue_answers_404_unseen_403_seen_else_the_issue(demo_users, role, title):
    user, target = person(demo_users, role), issue(title)
    expected = CHANGING[title][ROLES.index(role)]
    got = answer(get_allowed_or_403, user, "agendas.change_issue", Issue, pk=target.pk)
    assert got == expected
    if expected == GOT:
        assert get_allowed_or_403(user, "agendas.change_issue", Issue, pk=target.pk) == target


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_restricted_issue_answers_404_for_whoever_may_not_see_it(demo_users, role):
    user, target = person(demo_users, role), issue(RESTRICTED_TITLE)
    sees = role in {"facilitator", "researcher", "admin"}
    queryset = Issue.objects.select_related("agenda")
    assert answer(get_visible_or_404, user, queryset, pk=target.pk) == (GOT if sees else 404)


@pytest.mark.parametrize("role", ROLES)
def test_a_missing_object_answers_404_as_an_unseen_one_does(demo_users, role):
    user = person(demo_users, role)
    missing = Issue.objects.order_by("-pk").first().pk + 1
    assert answer(get_visible_or_404, user, Issue, pk=missing) == 404
    assert answer(get_allowed_or_403, user, "agendas.change_issue", Issue, pk=missing) == 404


def test_the_lookup_reads_only_what_visible_to_returns(demo_users, monkeypatch):
    """Were the helper to find the object any other way (by asking the view
    rule of it after the fact, or not at all), hiding every issue from the
    queryset twin would not hide it from the page."""
    facilitator, target = demo_users["facilitator"], issue(PUBLIC_TITLE)
    assert get_visible_or_404(facilitator, Issue, pk=target.pk) == target
    monkeypatch.setattr(IssueQuerySet, "visible_to", lambda self, user: self.none())
    assert answer(get_visible_or_404, facilitator, Issue, pk=target.pk) == 404
    assert answer(get_allowed_or_403, facilitator, "agendas.change_issue", Issue, pk=target.pk) == (
        404
    )


@pytest.mark.parametrize("status", ["draft", "published"])
@pytest.mark.parametrize("role", ROLES)
def test_a_voting_round_is_seen_where_its_agenda_is(demo_users, role, status):
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    Agenda.objects.filter(pk=agenda.pk).update(status=status)
    round = VotingRound.objects.create(agenda=agenda, method="approval")
    user = person(demo_users, role)
    seen = Agenda.objects.visible_to(user).filter(pk=agenda.pk).exists()
    team = role in {"facilitator", "researcher", "admin"}
    got = answer(
        get_allowed_or_403,
        user,
        "voting.view_votinground",
        VotingRound.objects.select_related("agenda"),
        via="agenda",
        pk=round.pk,
    )
    assert got == (GOT if team else 403 if seen else 404)
    assert seen is (status == "published" or team)


@pytest.mark.parametrize("national_status", ["draft", "published"])
@pytest.mark.parametrize("role", ROLES)
def test_a_suggestion_is_seen_only_where_its_item_is(demo_users, role, national_status):
    Agenda.objects.filter(scope=Agenda.Scope.NATIONAL).update(status=national_status)
    user = person(demo_users, role)
    items = [
        ("section", Section.objects.filter(agenda__slug="lazaro-cardenas").first()),
        ("issue", issue(PUBLIC_TITLE)),
        ("issue", issue(RESTRICTED_TITLE)),
        ("proposal", Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()),
        ("national_point", NationalPoint.objects.select_related("section__agenda").first()),
    ]
    assert {name for name, _item in items} == set(SUGGESTED_ON)
    for name, item in items:
        suggestion = Suggestion.objects.create(
            agenda=item.agenda,
            **{name: item},
            field="title_en",
            original="As it stands",
            wording="Another wording",
            reason="Clearer",
            author=demo_users["resident"],
        )
        sees_item = user.has_perm(KINDS[name].view_perm, item)
        got = answer(get_visible_or_404, user, Suggestion, pk=suggestion.pk)
        assert got == (GOT if sees_item else 404), (name, item)
