"""Who a person is to the site, and where an object belongs: what every
rule in `access.rules` is asked about.

A person's roles are read once per user object (one query per request) and
kept on it; an object belongs to a neighbourhood through its agenda, its
workshop or itself.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .types import Person


@dataclass(frozen=True)
class Roles:
    is_admin: bool = False
    is_researcher: bool = False
    facilitates: frozenset[int] = frozenset()
    resident_of: frozenset[int] = frozenset()

    @property
    def sees_everything(self) -> bool:
        return self.is_admin or self.is_researcher


NOBODY = Roles()


def roles_of(user: Any) -> Roles:
    """The person's roles, read once per user object (one query per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, "_access_roles", None)
    if cached is not None:
        return cached
    from communities.models import Membership

    facilitates: set[int] = set()
    resident_of: set[int] = set()
    for neighbourhood_id, role in Membership.objects.filter(user=user).values_list(
        "neighbourhood_id", "role"
    ):
        (facilitates if role == Membership.Role.FACILITATOR else resident_of).add(neighbourhood_id)
    roles = Roles(
        is_admin=user.is_superuser,
        is_researcher=user.is_researcher,
        facilitates=frozenset(facilitates),
        resident_of=frozenset(resident_of),
    )
    user._access_roles = roles
    return roles


def forget_roles(user: Person) -> None:
    """Call after changing someone's memberships within the same request.

    Deleted through the attribute, not the instance's __dict__: a request's
    user is a lazy object whose own __dict__ is not the person's."""
    with contextlib.suppress(AttributeError):
        del user._access_roles  # type: ignore[union-attr]


# --- what an object belongs to ------------------------------------------------


def agenda_of(obj: Any) -> Any:
    from agendas.models import Agenda

    return obj if isinstance(obj, Agenda) else obj.agenda


def neighbourhood_id_of(obj: Any) -> int | None:
    from agendas.models import Agenda
    from communities.models import Neighbourhood

    if isinstance(obj, Neighbourhood):
        return obj.pk
    if isinstance(obj, Agenda):
        return obj.neighbourhood_id
    if hasattr(obj, "neighbourhood_id"):  # workshops
        return obj.neighbourhood_id
    if hasattr(obj, "workshop"):  # attendance
        return obj.workshop.neighbourhood_id
    return agenda_of(obj).neighbourhood_id  # sections, issues, proposals
