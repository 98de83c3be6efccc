"""The people rules (access/rules.py) for every role, and each list's
queryset twin against its rule: for every object and person,
`obj in Model.objects.filter(twin(person))` equals `person.has_perm(rule, obj)`.
Each protection here fails its test when the rule is loosened or removed."""

import pytest
from django.contrib.auth.models import AnonymousUser

from access.rules import facilitator_membership_filter, invitation_filter, people_event_filter
from communities.models import Membership, Neighbourhood
from people import services
from people.models import Invitation, PeopleEvent
from tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory

from .helpers import invite, person, place

pytestmark = pytest.mark.django_db

FACILITATOR = Membership.Role.FACILITATOR


@pytest.fixture
def world():
    """Beside the demo: a second facilitator in Lázaro Cárdenas, someone
    facilitating two neighbourhoods, an inactive facilitator, staff without
    a role; invitations and events by several people."""
    second = MembershipFactory(neighbourhood=place(), role=FACILITATOR).user
    both = UserFactory()
    for slug in ("sanchez-taboada", "nuevo-almaguer"):
        MembershipFactory(user=both, neighbourhood=place(slug), role=FACILITATOR)
    inactive = MembershipFactory(
        user=UserFactory(is_active=False), neighbourhood=place(), role=FACILITATOR
    ).user
    MembershipFactory(neighbourhood=NeighbourhoodFactory(), role=FACILITATOR)
    invite()
    invite("facilitator-lazaro-cardenas")
    invite(second.username)
    invite(both.username, places=("sanchez-taboada", "nuevo-almaguer"))
    invite(role="researcher")
    services.make_reset_link(by=person("admin"), person=person("researcher"))
    people = [
        AnonymousUser(),
        *[
            person(name)
            for name in (
                "resident-lazaro-cardenas",
                "facilitator-lazaro-cardenas",
                "facilitator-sanchez-taboada",
                "researcher",
                "admin",
            )
        ],
        second,
        both,
        inactive,
        UserFactory(is_staff=True),
    ]
    return people


@pytest.mark.parametrize(
    "model, rule, twin, rows",
    [
        (
            Membership,
            "people.view_facilitator",
            facilitator_membership_filter,
            {"role": FACILITATOR},
        ),
        (PeopleEvent, "people.view_event", people_event_filter, {}),
        (Invitation, "people.view_invitation", invitation_filter, {}),
    ],
)
def test_each_list_holds_exactly_what_its_rule_allows(world, model, rule, twin, rows):
    objects = list(model.objects.filter(**rows))
    assert len(objects) > 3
    for who in world:
        listed = set(model.objects.filter(**rows).filter(twin(who)).values_list("pk", flat=True))
        allowed = {obj.pk for obj in objects if who.has_perm(rule, obj)}
        assert listed == allowed, (who, rule)


ROLES = ("resident-lazaro-cardenas", "researcher", "facilitator-lazaro-cardenas", "admin")


def answers(perm, obj=None):
    return {username: person(username).has_perm(perm, obj) for username in ROLES}


def test_who_sees_the_people_page():
    assert answers("people.view_people") == {
        "resident-lazaro-cardenas": False,
        "researcher": False,
        "facilitator-lazaro-cardenas": True,
        "admin": True,
    }
    assert not AnonymousUser().has_perm("people.view_people")


def test_who_invites_a_facilitator_for_a_neighbourhood():
    mine, other = place(), place("sanchez-taboada")
    assert answers("people.invite_facilitator", mine) == {
        "resident-lazaro-cardenas": False,
        "researcher": False,
        "facilitator-lazaro-cardenas": True,
        "admin": True,
    }
    assert answers("people.invite_facilitator", other)["facilitator-lazaro-cardenas"] is False


@pytest.mark.parametrize(
    "perm",
    [
        "people.invite_researcher",
        "people.give_facilitator_role",
        "people.remove_researcher",
        "people.make_reset_link",
        "people.view_staff",
    ],
)
def test_only_administrators(perm):
    obj = place() if perm == "people.give_facilitator_role" else None
    assert answers(perm, obj) == {
        "resident-lazaro-cardenas": False,
        "researcher": False,
        "facilitator-lazaro-cardenas": False,
        "admin": True,
    }


def test_who_withdraws_an_invitation(make_person):
    invitation, _code = invite("facilitator-lazaro-cardenas")
    colleague = make_person("colleague", role="facilitator", neighbourhood="lazaro-cardenas")
    assert answers("people.withdraw_invitation", invitation) == {
        "resident-lazaro-cardenas": False,
        "researcher": False,
        "facilitator-lazaro-cardenas": True,
        "admin": True,
    }
    assert not colleague.has_perm("people.withdraw_invitation", invitation)


def test_who_removes_a_facilitator(make_person):
    own = Membership.objects.get(user__username="facilitator-lazaro-cardenas")
    assert answers("people.remove_facilitator", own) == {
        "resident-lazaro-cardenas": False,
        "researcher": False,
        "facilitator-lazaro-cardenas": False,  # the last one of the neighbourhood
        "admin": True,
    }
    colleague = make_person("colleague", role="facilitator", neighbourhood="lazaro-cardenas")
    theirs = colleague.memberships.get()
    assert answers("people.remove_facilitator", theirs)["facilitator-lazaro-cardenas"] is True
    own = Membership.objects.get(pk=own.pk)
    assert person("facilitator-lazaro-cardenas").has_perm("people.remove_facilitator", own)
    elsewhere = Membership.objects.get(user__username="facilitator-sanchez-taboada")
    assert not person("facilitator-lazaro-cardenas").has_perm(
        "people.remove_facilitator", elsewhere
    )
    assert Neighbourhood.objects.count() >= 4
