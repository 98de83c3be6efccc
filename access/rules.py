"""The permission rules of the whole site, in one module.

Each rule exists twice, side by side: as a predicate that answers for one
object (`user.has_perm("agendas.view_issue", issue)`, used by views,
templates and the admin) and as a queryset filter that answers for a list
(`Issue.objects.visible_to(user)`, used by every page, count and export).
The tests check the two against each other for every object and role.
A person's roles, and which neighbourhood an object belongs to, are read by
`access.roles`.

Roles:
- admin: a superuser; sees and does everything.
- researcher: sees everything, restricted items included, in every neighbourhood.
- facilitator of a neighbourhood: sees everything of it, edits its agendas.
- resident of a neighbourhood: sees its agenda while in consultation.
- anyone: published agendas and their public issues and proposals.
A restricted issue is seen only by the agenda's facilitators, researchers and
admins: anywhere else it must not exist, not even as a count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import rules
from django.db.models import Q

# Who a person is and where an object belongs live in access.roles; they are
# named here too, so that the site asks one module about access.
from .roles import NOBODY as NOBODY
from .roles import Roles as Roles
from .roles import agenda_of as agenda_of
from .roles import forget_roles as forget_roles
from .roles import neighbourhood_id_of as neighbourhood_id_of
from .roles import roles_of as roles_of

if TYPE_CHECKING:
    from datetime import datetime

    from .types import Person

PUBLISHED = "published"
CONSULTATION = "consultation"
PUBLIC = "public"


# --- predicates (one object) ----------------------------------------------------


@rules.predicate
def is_admin(user: Person) -> bool:
    return roles_of(user).is_admin


@rules.predicate
def is_researcher(user: Person) -> bool:
    return roles_of(user).is_researcher


@rules.predicate
def is_facilitator_of(user: Person, obj: Any) -> bool:
    facilitates = roles_of(user).facilitates
    if obj is None:  # a question about the kind of object: "any of them?"
        return bool(facilitates)
    return neighbourhood_id_of(obj) in facilitates


@rules.predicate
def is_resident_of(user: Person, obj: Any) -> bool:
    resident_of = roles_of(user).resident_of
    if obj is None:
        return bool(resident_of)
    return neighbourhood_id_of(obj) in resident_of


@rules.predicate
def agenda_is_published(user: Person, obj: Any) -> bool:
    return obj is not None and agenda_of(obj).status == PUBLISHED


@rules.predicate
def agenda_in_consultation(user: Person, obj: Any) -> bool:
    return obj is not None and agenda_of(obj).status == CONSULTATION


@rules.predicate
def issue_is_public(user: Person, issue: Any) -> bool:
    return issue is not None and issue.visibility == PUBLIC


@rules.predicate
def round_is_closed(user: Person, round: Any) -> bool:
    return round is not None and round.is_closed()


can_see_restricted = is_admin | is_researcher | is_facilitator_of
can_view_agenda = (
    agenda_is_published | can_see_restricted | (agenda_in_consultation & is_resident_of)
)
can_view_issue = can_view_agenda & (issue_is_public | can_see_restricted)
can_edit_agenda = is_admin | is_facilitator_of

rules.add_perm("agendas.view_agenda", can_view_agenda)
rules.add_perm("agendas.view_section", can_view_agenda)
rules.add_perm("agendas.view_issue", can_view_issue)
rules.add_perm("proposals.view_proposal", can_view_agenda)
rules.add_perm("synthesis.view_nationalpoint", can_view_agenda)
rules.add_perm("workshops.view_workshop", can_see_restricted)
rules.add_perm("workshops.view_attendance", can_see_restricted)
rules.add_perm("tallies.view_papertally", can_see_restricted)
rules.add_perm("tallies.view_tallycount", can_see_restricted)
# Results of a vote are read where the agenda's work is read; ballots are
# never read by anyone (see voting.models).
rules.add_perm("voting.view_votinground", can_see_restricted)
# The totals of a closed round are read by whoever may read its agenda (on
# the comparison page, in open data and the API); an open round's only by
# the agenda's team, researchers and admins.
rules.add_perm("voting.view_results", can_see_restricted | (can_view_agenda & round_is_closed))
# Residents vote in their neighbourhoods' rounds (asked without an object:
# "do they vote anywhere?", for the menu).
rules.add_perm("voting.vote", is_resident_of)
for _perm in (
    "agendas.change_agenda",
    "agendas.add_section",
    "agendas.change_section",
    "agendas.delete_section",
    "agendas.add_issue",
    "agendas.change_issue",
    "agendas.delete_issue",
    "proposals.add_proposal",
    "proposals.change_proposal",
    "proposals.delete_proposal",
    "workshops.add_workshop",
    "workshops.change_workshop",
    "workshops.delete_workshop",
    "workshops.add_attendance",
    "workshops.change_attendance",
    "workshops.delete_attendance",
    "tallies.add_papertally",
    "tallies.change_papertally",
    "tallies.delete_papertally",
    "tallies.add_tallycount",
    "tallies.change_tallycount",
    "tallies.delete_tallycount",
    "residents.add_codebatch",
    "residents.change_codebatch",
    "voting.add_votinground",
    "voting.change_votinground",
):
    rules.add_perm(_perm, can_edit_agenda)
# Its editors start an agenda's next cycle, once it is published: a new draft for
# the same neighbourhood (publication.cycles).
rules.add_perm("agendas.start_next_cycle", can_edit_agenda)
# The national agenda belongs to no neighbourhood: its points are written by
# admins. (can_edit_agenda asked without an object, as the admin asks before
# offering "add", would answer for any facilitator.)
for _perm in (
    "synthesis.add_nationalpoint",
    "synthesis.change_nationalpoint",
    "synthesis.delete_nationalpoint",
):
    rules.add_perm(_perm, is_admin)


# --- queryset filters (lists and counts) ------------------------------------------


def _q(prefix: str, **lookups: Any) -> Q:
    return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})


def agenda_filter(user: Person, prefix: str = "") -> Q:
    """Q for the agendas `user` may see; `prefix` reaches them from another model."""
    roles = roles_of(user)
    if roles.sees_everything:
        return Q()
    q = _q(prefix, status=PUBLISHED)
    if roles.facilitates:
        q |= _q(prefix, neighbourhood_id__in=sorted(roles.facilitates))
    if roles.resident_of:
        q |= _q(prefix, status=CONSULTATION, neighbourhood_id__in=sorted(roles.resident_of))
    return q


def restricted_filter(user: Person, prefix: str = "") -> Q:
    """Q for the agendas whose restricted items `user` may see."""
    roles = roles_of(user)
    if roles.sees_everything:
        return Q()
    return _q(prefix, neighbourhood_id__in=sorted(roles.facilitates))


def issue_filter(user: Person, prefix: str = "") -> Q:
    if roles_of(user).sees_everything:
        return Q()
    return agenda_filter(user, f"{prefix}agenda__") & (
        _q(prefix, visibility=PUBLIC) | restricted_filter(user, f"{prefix}agenda__")
    )


def proposal_filter(user: Person, prefix: str = "") -> Q:
    return agenda_filter(user, f"{prefix}agenda__")


def round_closed_filter(prefix: str = "", now: datetime | None = None) -> Q:
    """Q for the voting rounds closed by hand or past their closing time
    (the list twin of VotingRound.is_closed)."""
    from django.utils import timezone

    now = now or timezone.now()
    return _q(prefix, closed_at__isnull=False) | _q(prefix, closes_at__lte=now)


def round_results_filter(user: Person, prefix: str = "", now: datetime | None = None) -> Q:
    """Q for the voting rounds whose totals `user` may read (voting.view_results)."""
    roles = roles_of(user)
    if roles.sees_everything:
        return Q()
    closed = round_closed_filter(prefix, now)
    return (agenda_filter(user, f"{prefix}agenda__") & closed) | restricted_filter(
        user, f"{prefix}agenda__"
    )


def section_filter(user: Person, prefix: str = "") -> Q:
    return agenda_filter(user, f"{prefix}agenda__")


def national_point_filter(user: Person, prefix: str = "") -> Q:
    return agenda_filter(user, f"{prefix}section__agenda__")


def workshop_filter(user: Person, prefix: str = "") -> Q:
    """Q for the workshops `user` may see whole, place and notes included
    (workshops.view_workshop); their published numbers: workshop_numbers_filter."""
    roles = roles_of(user)
    if roles.sees_everything:
        return Q()
    return _q(prefix, neighbourhood_id__in=sorted(roles.facilitates))


def attendance_filter(user: Person, prefix: str = "") -> Q:
    return workshop_filter(user, f"{prefix}workshop__")


def editable_agenda_filter(user: Person, prefix: str = "") -> Q:
    """Q for the agendas `user` may change (can_edit_agenda asked of one
    agenda): where the admin offers an agenda to add an item to."""
    roles = roles_of(user)
    if roles.is_admin:
        return Q()
    return _q(prefix, neighbourhood_id__in=sorted(roles.facilitates))


def editable_neighbourhood_filter(user: Person, prefix: str = "") -> Q:
    """Q for the neighbourhoods whose workshops `user` may log."""
    roles = roles_of(user)
    if roles.is_admin:
        return Q()
    return _q(prefix, pk__in=sorted(roles.facilitates))


# --- the facilitator's workspace ----------------------------------------------------

rules.add_perm("workspace.view_dashboard", is_admin | is_researcher | is_facilitator_of)
# The workspace pages of one neighbourhood, agenda or workshop, and the
# history of their items: read by researchers, changed only by facilitators
# and admins (the change_* permissions above).
rules.add_perm("workspace.view_workspace", can_see_restricted)
# Setting up what the work stands on (cities, neighbourhoods, agendas,
# dimensions, participant groups) is for admins alone: a change there shows
# in every neighbourhood.
rules.add_perm("administration.set_up", is_admin)


def workspace_neighbourhood_filter(user: Person, prefix: str = "") -> Q:
    """Q for the neighbourhoods whose work `user` sees in the workspace:
    all for admins and researchers, their own for facilitators."""
    roles = roles_of(user)
    if roles.sees_everything:
        return Q()
    return _q(prefix, pk__in=sorted(roles.facilitates))


# --- open data and the API ------------------------------------------------------------
# A workshop's date, title and attendance numbers are public where its
# neighbourhood has an agenda the person may read; its team, researchers and
# admins see all of theirs. Its place, method, notes and facilitators are never
# published at all: a meeting place in these neighbourhoods can endanger people.
# Public outputs read workshops only through `workshops.public`.


@rules.predicate
def neighbourhood_has_readable_agenda(user: Person, obj: Any) -> bool:
    if obj is None:
        return False
    from agendas.models import Agenda

    return (
        Agenda.objects.filter(agenda_filter(user))
        .filter(neighbourhood_id=neighbourhood_id_of(obj))  # type: ignore[misc]
        .exists()
    )


can_view_workshop_numbers = can_see_restricted | neighbourhood_has_readable_agenda
rules.add_perm("workshops.view_workshop_numbers", can_view_workshop_numbers)
rules.add_perm("workshops.view_attendance_numbers", can_view_workshop_numbers)


def workshop_numbers_filter(user: Person, prefix: str = "") -> Q:
    """Q for the workshops whose numbers `user` may read (workshops.view_workshop_numbers)."""
    roles = roles_of(user)
    if roles.sees_everything:
        return Q()
    from agendas.models import Agenda

    readable = (
        Agenda.objects.filter(agenda_filter(user))
        .filter(neighbourhood__isnull=False)
        .values("neighbourhood_id")
    )
    return _q(prefix, neighbourhood_id__in=readable) | _q(
        prefix, neighbourhood_id__in=sorted(roles.facilitates)
    )


def attendance_numbers_filter(user: Person, prefix: str = "") -> Q:
    return workshop_numbers_filter(user, f"{prefix}workshop__")


def sees_restricted_somewhere(user: Person) -> bool:
    """True when some list or download may show `user` restricted items."""
    roles = roles_of(user)
    return roles.sees_everything or bool(roles.facilitates)


# An API token reads as its holder does, restricted items included: only
# researchers and admins hold one.
can_hold_api_token = is_admin | is_researcher
rules.add_perm("api.hold_token", can_hold_api_token)


# --- residents' own data ------------------------------------------------------------

# A pseudonymous resident sees, downloads and deletes what the site holds
# about them (privacy/); anyone with another role keeps their account.
can_hold_own_data = (
    is_resident_of & ~is_facilitator_of & ~is_admin & ~is_researcher & ~rules.is_staff
)
rules.add_perm("privacy.hold_own_data", can_hold_own_data)


def own_data_holders_filter(prefix: str = "") -> Q:
    """The queryset twin, on people: residents and nothing else."""
    from communities.models import Membership

    facilitators = Membership.objects.filter(role=Membership.Role.FACILITATOR).values("user_id")
    return (
        _q(prefix, memberships__role="resident")
        & ~_q(prefix, pk__in=facilitators)
        & _q(prefix, is_active=True, is_superuser=False, is_researcher=False, is_staff=False)
    )


# --- people: invitations, roles and reset links ----------------------------------------
# Staff accounts are made by invitation in the workspace (people/). An
# administrator invites facilitators for any neighbourhood and researchers; a
# facilitator invites co-facilitators (the same role) for their own
# neighbourhoods only. Residents are never listed: they are pseudonymous, and
# their accounts belong to the residents' app.


@rules.predicate
def is_inviter(user: Person, invitation: Any) -> bool:
    return (
        invitation is not None
        and user is not None
        and user.pk is not None
        and invitation.invited_by_id == user.pk
    )


@rules.predicate
def is_own_membership(user: Person, membership: Any) -> bool:
    return membership is not None and user is not None and membership.user_id == user.pk


@rules.predicate
def is_last_facilitator(user: Person, membership: Any) -> bool:
    """True when the membership is its neighbourhood's only facilitator
    (a page that already counted them says so in `facilitators_here`)."""
    if membership is None:
        return False
    count = getattr(membership, "facilitators_here", None)
    if count is None:
        from communities.models import Membership

        count = Membership.objects.filter(
            neighbourhood_id=membership.neighbourhood_id, role=Membership.Role.FACILITATOR
        ).count()
    return bool(count <= 1)


# The people page: asked without an object, "do they see anyone there?".
rules.add_perm("people.view_people", is_admin | is_facilitator_of)
# One facilitator's membership of a neighbourhood, and an event of the people
# page's history, are seen by admins and that neighbourhood's facilitators.
rules.add_perm("people.view_facilitator", is_admin | is_facilitator_of)
rules.add_perm("people.view_event", is_admin | is_facilitator_of)
# Researchers and administrators are listed, and staff accounts looked at one
# by one, by administrators only.
rules.add_perm("people.view_staff", is_admin)
# Asked of a neighbourhood (without one: "may they invite anywhere?").
rules.add_perm("people.invite_facilitator", is_admin | is_facilitator_of)
rules.add_perm("people.invite_researcher", is_admin)
rules.add_perm("people.view_invitation", is_admin | is_inviter)
rules.add_perm("people.withdraw_invitation", is_admin | is_inviter)
# An existing staff account is given more neighbourhoods by an administrator.
rules.add_perm("people.give_facilitator_role", is_admin)
# Facilitators are peers: one may remove another from a neighbourhood they
# both facilitate, or step down themselves, but the last facilitator of a
# neighbourhood may not leave it: with no one left there to invite anyone,
# only an administrator decides that the work there has no facilitator.
rules.add_perm(
    "people.remove_facilitator",
    is_admin | (is_facilitator_of & ~(is_own_membership & is_last_facilitator)),
)
rules.add_perm("people.remove_researcher", is_admin)
rules.add_perm("people.make_reset_link", is_admin)


def facilitator_membership_filter(user: Person, prefix: str = "") -> Q:
    """Q for the facilitators' memberships `user` sees (people.view_facilitator)."""
    roles = roles_of(user)
    if roles.is_admin:
        return Q()
    return _q(prefix, neighbourhood_id__in=sorted(roles.facilitates))


def people_event_filter(user: Person, prefix: str = "") -> Q:
    """Q for the events of the people page `user` sees (people.view_event):
    an event of no neighbourhood (a researcher, a reset link) only admins."""
    roles = roles_of(user)
    if roles.is_admin:
        return Q()
    return _q(prefix, neighbourhood_id__in=sorted(roles.facilitates))


def invitation_filter(user: Person, prefix: str = "") -> Q:
    """Q for the invitations `user` sees (people.view_invitation)."""
    roles = roles_of(user)
    if roles.is_admin:
        return Q()
    pk = getattr(user, "pk", None)
    if pk is None:
        return Q(pk__in=[])
    return _q(prefix, invited_by_id=pk)
