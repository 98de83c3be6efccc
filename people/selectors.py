"""What the people page shows, in a fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

from access.rules import (
    editable_neighbourhood_filter,
    facilitator_membership_filter,
    invitation_filter,
    people_event_filter,
)
from communities.models import Membership, Neighbourhood, User

from .models import Invitation, PeopleEvent

if TYPE_CHECKING:
    from access.types import RequestUser

RECENT_EVENTS = 50


@dataclass
class Facilitated:
    neighbourhood: Neighbourhood
    memberships: list[Membership] = field(default_factory=list)


@dataclass
class PeoplePage:
    neighbourhoods: list[Facilitated]
    researchers: list[User]
    administrators: list[User]
    invitations: list[Invitation]
    events: list[PeopleEvent]


def people_page(user: RequestUser) -> PeoplePage:
    """Facilitators per neighbourhood as `user` may see them (every
    neighbourhood for an administrator, their own for a facilitator),
    researchers and administrators (for administrators), the invitations
    still waiting that `user` may see, and the latest changes."""
    sees_staff = user.has_perm("people.view_staff")
    places = list(
        Neighbourhood.objects.filter(editable_neighbourhood_filter(user)).select_related("city")
    )
    memberships = list(
        Membership.objects.filter(role=Membership.Role.FACILITATOR)
        .filter(facilitator_membership_filter(user))
        .select_related("user")
        .order_by("user__username")
    )
    # Whoever sees a neighbourhood's facilitators sees all of them: the
    # count tells the rules who is the last one, without a query each.
    here = Counter(membership.neighbourhood_id for membership in memberships)
    by_place: dict[int, list[Membership]] = defaultdict(list)
    for membership in memberships:
        membership.facilitators_here = here[membership.neighbourhood_id]  # type: ignore[attr-defined]
        membership.removable = user.has_perm("people.remove_facilitator", membership)  # type: ignore[attr-defined]
        by_place[membership.neighbourhood_id].append(membership)
    now = timezone.now()
    invitations = list(
        Invitation.objects.filter(invitation_filter(user))
        .filter(used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now)
        .select_related("invited_by")
        .prefetch_related("neighbourhoods")
    )
    return PeoplePage(
        neighbourhoods=[Facilitated(place, by_place.get(place.pk, [])) for place in places],
        researchers=list(User.objects.filter(is_researcher=True).order_by("username"))
        if sees_staff
        else [],
        administrators=list(User.objects.filter(is_superuser=True).order_by("username"))
        if sees_staff
        else [],
        invitations=invitations,
        events=list(
            PeopleEvent.objects.filter(people_event_filter(user)).select_related("neighbourhood")[
                :RECENT_EVENTS
            ]
        ),
    )


def holds_staff_role(person: User) -> bool:
    """An administrator, a researcher or a facilitator: the accounts the
    people page manages. A resident's account is not one of them."""
    return bool(
        person.is_superuser
        or person.is_researcher
        or Membership.objects.filter(user=person, role=Membership.Role.FACILITATOR).exists()
    )


def staff_person(pk: int) -> User | None:
    """A facilitator, researcher or administrator by id; None for anyone
    else (residents are not looked at here)."""
    person = User.objects.filter(pk=pk).first()
    if person is None:
        return None
    return person if holds_staff_role(person) else None


def facilitated_by(person: User) -> list[Membership]:
    return list(
        Membership.objects.filter(user=person, role=Membership.Role.FACILITATOR)
        .select_related("neighbourhood__city")
        .order_by("neighbourhood__name")
    )
