"""Two more rules and their queryset twins (access/rules.py) give the same
answer for every object and every person: `voting.view_results` and
`round_results_filter` (whose vote totals a person may read), and
`workspace.view_workspace` and `workspace_neighbourhood_filter` (whose work
a person sees in the workspace).

The world they are asked about is the demo and more: cities with several
neighbourhoods, agendas in every status and the national one, votes in every
state (not yet open, open, closed by hand, closed by their date), workshops
and agenda items; the people are everyone a rule tells apart, and some it
must not (an inactive account, staff without a role)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from access.rules import round_results_filter, workspace_neighbourhood_filter
from agendas.models import Agenda, Issue, Section
from communities.models import Membership, Neighbourhood
from proposals.models import Proposal
from tests.factories import (
    AgendaFactory,
    CityFactory,
    IssueFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    ProposalFactory,
    SectionFactory,
    UserFactory,
    VotingRoundFactory,
    WorkshopFactory,
)
from voting.models import VotingRound
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
# (opens, closes, closed by hand), each from now.
ROUND_STATES = {
    "not open yet": (DAY, None, None),
    "open until closed by hand": (-DAY, None, None),
    "open until a date": (-DAY, DAY, None),
    "closed by hand": (-2 * DAY, None, -DAY),
    "closed by its date": (-2 * DAY, -DAY, None),
    "closed by hand before its date": (-2 * DAY, DAY, -DAY / 24),
}
# Each model the workspace rule is asked about, and the way from it to its
# neighbourhood for the queryset filter.
WORKSPACE_OBJECTS = [
    (Neighbourhood, ""),
    (Agenda, "neighbourhood__"),
    (Workshop, "neighbourhood__"),
    (Section, "agenda__neighbourhood__"),
    (Issue, "agenda__neighbourhood__"),
    (Proposal, "agenda__neighbourhood__"),
]


@pytest.fixture
def world():
    """Two more cities of two neighbourhoods each, every neighbourhood with
    an agenda in every status, each agenda with a vote in every state and an
    item of every kind; the national agenda votes too."""
    now = timezone.now()
    places = [
        NeighbourhoodFactory(city=city) for city in (CityFactory(), CityFactory()) for _ in range(2)
    ]
    agendas = [Agenda.objects.get(slug="national")]
    for place in places:
        WorkshopFactory(neighbourhood=place)
        agendas += [AgendaFactory(neighbourhood=place, status=s) for s in Agenda.Status.values]
    for agenda in agendas:
        for opens, closes, closed in ROUND_STATES.values():
            VotingRoundFactory(
                agenda=agenda,
                opens_at=now + opens,
                closes_at=closes and now + closes,
                closed_at=closed and now + closed,
            )
        if agenda.neighbourhood_id:
            SectionFactory(agenda=agenda)
            ProposalFactory(agenda=agenda)
            for visibility in Issue.Visibility.values:
                IssueFactory(agenda=agenda, visibility=visibility)
    return places


@pytest.fixture
def people(world, demo_users):
    """Everyone the rules tell apart, fetched afresh (roles are read once per
    user object)."""
    here, next_door, elsewhere = world[0], world[1], world[2]

    def person(name, *memberships, **fields):
        user = UserFactory(username=name, **fields)
        for place, role in memberships:
            MembershipFactory(user=user, neighbourhood=place, role=role)
        return user

    resident, facilitator = Membership.Role.RESIDENT, Membership.Role.FACILITATOR
    made = [
        person("no-role"),
        person("staff-without-a-role", is_staff=True),
        person("resident-here", (here, resident)),
        person("resident-next-door", (next_door, resident)),
        person("resident-of-two-places", (here, resident), (elsewhere, resident)),
        person("facilitator-here", (here, facilitator)),
        person("co-facilitator-here", (here, facilitator)),
        person("facilitator-elsewhere", (elsewhere, facilitator)),
        person("facilitator-here-resident-elsewhere", (here, facilitator), (elsewhere, resident)),
        person("another-researcher", is_researcher=True),
        person("another-administrator", is_superuser=True, is_staff=True),
        person("inactive-facilitator", (here, facilitator), is_active=False),
        person("inactive-researcher", is_researcher=True, is_active=False),
        person("inactive-administrator", is_superuser=True, is_staff=True, is_active=False),
    ]
    made += [user for user in demo_users.values() if user is not None]
    User = get_user_model()
    everyone = {user.username: User.objects.get(pk=user.pk) for user in made}
    return {"visitor": AnonymousUser(), **everyone}


def disagreements(people, perm, objects, allowed):
    """(person, object) wherever the rule and its twin answer differently;
    `allowed(user)` is the queryset the twin lets the person see."""
    found = []
    for name, user in people.items():
        listed = set(allowed(user).values_list("pk", flat=True))
        for obj in objects:
            if user.has_perm(perm, obj) != (obj.pk in listed):
                found.append((name, f"{type(obj).__name__} {obj.pk}"))
    return found


def test_who_reads_a_votes_totals_agrees_with_its_queryset_twin(people):
    rounds = list(VotingRound.objects.select_related("agenda"))
    assert len(rounds) >= 6 * (4 * 4 + 1)

    def allowed(user):
        return VotingRound.objects.filter(round_results_filter(user))

    assert disagreements(people, "voting.view_results", rounds, allowed) == []
    # Not a vacuous agreement: the rule tells these people apart.
    seen = {name: allowed(user).count() for name, user in people.items()}
    assert 0 < seen["visitor"] < seen["resident-here"] < seen["facilitator-here"]
    assert seen["facilitator-here"] < seen["another-researcher"] == len(rounds)
    assert seen["another-administrator"] == len(rounds)
    assert seen["inactive-administrator"] == seen["visitor"]


@pytest.mark.parametrize(
    ("model", "prefix"), WORKSPACE_OBJECTS, ids=[model.__name__ for model, _ in WORKSPACE_OBJECTS]
)
def test_whose_work_one_sees_in_the_workspace_agrees_with_its_queryset_twin(people, model, prefix):
    objects = list(model.objects.all())
    assert objects

    def allowed(user):
        return model.objects.filter(workspace_neighbourhood_filter(user, prefix))

    assert disagreements(people, "workspace.view_workspace", objects, allowed) == []
    seen = {name: allowed(user).count() for name, user in people.items()}
    assert seen["visitor"] == seen["resident-here"] == seen["inactive-facilitator"] == 0
    assert 0 < seen["facilitator-here"] == seen["co-facilitator-here"] < len(objects)
    assert seen["another-researcher"] == seen["another-administrator"] == len(objects)
