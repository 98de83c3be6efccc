"""Who a person is to the site, and where an object belongs: what every
rule in `access.rules` is asked about.

A person's roles are read once per user object (one query per request) and
kept on it; an object belongs to a neighbourhood through its agenda, its
workshop or itself.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Roles:
    is_admin: bool = False
    is_researcher: bool = False
    facilitates: frozenset = frozenset()
    resident_of: frozenset = frozenset()

    @property
    def sees_everything(self):
        return self.is_admin or self.is_researcher


NOBODY = Roles()


def roles_of(user):
    """The person's roles, read once per user object (one query per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, "_access_roles", None)
    if cached is not None:
        return cached
    from communities.models import Membership

    facilitates, resident_of = set(), set()
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


def forget_roles(user):
    """Call after changing someone's memberships within the same request."""
    user.__dict__.pop("_access_roles", None)


# --- what an object belongs to ------------------------------------------------


def agenda_of(obj):
    from agendas.models import Agenda

    return obj if isinstance(obj, Agenda) else obj.agenda


def neighbourhood_id_of(obj):
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
