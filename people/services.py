"""Inviting people to a staff role, withdrawing an invitation, giving and
removing roles, and password reset links: one function per action, each in
its own transaction, each leaving its PeopleEvent.

Who may do each is asked of access.rules here too, not only by the pages: a
form that offers only one's own neighbourhoods is a convenience, this is the
rule. No e-mail is sent: secrets are handed over in person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from access.rules import forget_roles
from communities.models import Membership, Neighbourhood, User

from .codes import code_hash, code_hashes, new_code, normalise
from .models import Invitation, PeopleEvent
from .selectors import holds_staff_role

FACILITATOR = Invitation.Role.FACILITATOR
RESEARCHER = Invitation.Role.RESEARCHER


class Refused(Exception):
    """The action cannot be done; `message` says why, in the person's language.
    Nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvitationRefused(Refused):
    """An invitation that exists but cannot be used (used, withdrawn, expired)."""


class InvitationUnknown(Refused):
    """No invitation has this code: a mistyped or guessed code, which the
    pages count against the address that typed it."""


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    code: str  # shown once, never stored


def _record(
    action: str,
    *,
    by: User | None,
    person: User | None = None,
    person_name: str = "",
    role: str = "",
    neighbourhood: Neighbourhood | None = None,
    invitation: Invitation | None = None,
) -> PeopleEvent:
    return PeopleEvent.objects.create(
        action=action,
        actor=by,
        actor_name=by.get_username() if by is not None else "",
        person=person,
        person_name=person.get_username() if person is not None else person_name,
        role=role,
        neighbourhood=neighbourhood,
        invitation=invitation,
    )


def _or_none(places: list[Neighbourhood]) -> list[Neighbourhood | None]:
    """One event per neighbourhood, or one of no neighbourhood (a researcher)."""
    return list(places) or [None]


# --- invitations ---------------------------------------------------------------------


def invite(
    *,
    by: User,
    role: str,
    neighbourhoods: Iterable[Neighbourhood] = (),
    note: str = "",
    now: datetime | None = None,
) -> IssuedInvitation:
    """A new one-time invitation to `role` (a facilitator of `neighbourhoods`,
    or a researcher), valid for INVITATION_DAYS."""
    places = list(neighbourhoods)
    if role == FACILITATOR:
        if not places:
            raise Refused(_("Choose at least one neighbourhood."))
        if not all(by.has_perm("people.invite_facilitator", place) for place in places):
            raise PermissionDenied
    elif role == RESEARCHER:
        if not by.has_perm("people.invite_researcher"):
            raise PermissionDenied
        places = []
    else:
        raise Refused(_("Choose a role: facilitator or researcher."))
    now = now or timezone.now()
    with transaction.atomic():
        while True:  # a repeat of a 59-bit code is all but impossible; still, never two
            code = new_code()
            try:
                with transaction.atomic():
                    invitation = Invitation.objects.create(
                        role=role,
                        note=note.strip(),
                        code_hash=code_hash(normalise(code) or ""),
                        invited_by=by,
                        created_at=now,
                        expires_at=now + timedelta(days=settings.INVITATION_DAYS),
                    )
                break
            except IntegrityError:
                continue
        invitation.neighbourhoods.set(places)
        for place in _or_none(places):
            _record(
                PeopleEvent.Action.INVITATION_MADE,
                by=by,
                person_name=invitation.note,
                role=role,
                neighbourhood=place,
                invitation=invitation,
            )
    return IssuedInvitation(invitation, code)


def find_invitation(code: str) -> Invitation | None:
    """The invitation whose code (or link) this is, whatever its state."""
    normalised = normalise(code)
    if normalised is None:
        return None
    return Invitation.objects.filter(code_hash__in=code_hashes(normalised)).first()


def why_unusable(invitation: Invitation, now: datetime | None = None) -> str | None:
    """What to tell the person holding an invitation that cannot be used;
    None when it can."""
    state = invitation.state(now)
    if state == Invitation.State.USED:
        return _(
            "This invitation has already been used: it works only once. If you made your "
            "account with it, sign in; otherwise ask for a new invitation."
        )
    if state == Invitation.State.WITHDRAWN:
        return _("This invitation was withdrawn. Ask the person who invited you for a new one.")
    if state == Invitation.State.EXPIRED:
        return _(
            "This invitation has expired. Ask the person who invited you, or an "
            "administrator, for a new one."
        )
    return None


def withdraw_invitation(invitation: Invitation, *, by: User) -> None:
    if not by.has_perm("people.withdraw_invitation", invitation):
        raise PermissionDenied
    with transaction.atomic():
        withdrawn = Invitation.objects.filter(
            pk=invitation.pk, used_at__isnull=True, withdrawn_at__isnull=True
        ).update(withdrawn_at=timezone.now())
        if not withdrawn:
            raise Refused(_("This invitation was already used or withdrawn. Nothing was changed."))
        for place in _or_none(list(invitation.neighbourhoods.all())):
            _record(
                PeopleEvent.Action.INVITATION_WITHDRAWN,
                by=by,
                person_name=invitation.note,
                role=invitation.role,
                neighbourhood=place,
                invitation=invitation,
            )


def username_taken(username: str) -> bool:
    return User.objects.filter(username__iexact=username).exists()


def accept_invitation(*, code: str, username: str, password: str) -> User:
    """Make the invited person's account with the role the invitation gives.

    The invitation is claimed by one conditional UPDATE, so that two people
    with the same code get one account; a username taken meanwhile undoes
    the claim (nothing is saved). A facilitator's invitation gives only the
    neighbourhoods its maker may still invite for: one removed since cannot
    hand their old neighbourhoods on."""
    normalised = normalise(code)
    if normalised is None:
        raise InvitationUnknown(_("No invitation has this code. Check it and type it again."))
    now = timezone.now()
    try:
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update(of=("self",))
                .select_related("invited_by")
                .filter(code_hash__in=code_hashes(normalised))
                .first()
            )
            if invitation is None:
                raise InvitationUnknown(
                    _("No invitation has this code. Check it and type it again.")
                )
            reason = why_unusable(invitation, now)
            if reason:
                raise InvitationRefused(reason)
            places = _places_still_given(invitation)
            if invitation.role == FACILITATOR and not places:
                raise InvitationRefused(
                    _(
                        "The person who made this invitation no longer facilitates its "
                        "neighbourhoods, so it cannot be used. Ask an administrator for a new one."
                    )
                )
            if username_taken(username):
                raise Refused(_("This username is taken. Choose another one."))
            claimed = Invitation.objects.filter(
                pk=invitation.pk,
                used_at__isnull=True,
                withdrawn_at__isnull=True,
                expires_at__gt=now,
            ).update(used_at=now)
            if not claimed:
                raise InvitationRefused(
                    why_unusable(Invitation.objects.get(pk=invitation.pk)) or ""
                )
            person = User.objects.create_user(
                username=username,
                password=password,
                is_researcher=invitation.role == RESEARCHER,
            )
            Invitation.objects.filter(pk=invitation.pk).update(person=person)
            for place in _or_none(places):
                _record(
                    PeopleEvent.Action.INVITATION_USED,
                    by=person,
                    person=person,
                    role=invitation.role,
                    neighbourhood=place,
                    invitation=invitation,
                )
            if invitation.role == FACILITATOR:
                _give(places, person=person, by=invitation.invited_by, invitation=invitation)
            else:
                _record(
                    PeopleEvent.Action.ROLE_GIVEN,
                    by=invitation.invited_by,
                    person=person,
                    role=RESEARCHER,
                    invitation=invitation,
                )
    except IntegrityError:
        # The same username, chosen by someone else at the same moment.
        raise Refused(_("This username is taken. Choose another one.")) from None
    return person


def _places_still_given(invitation: Invitation) -> list[Neighbourhood]:
    places = list(invitation.neighbourhoods.all())
    inviter = invitation.invited_by
    if inviter is None:
        return places
    return [place for place in places if inviter.has_perm("people.invite_facilitator", place)]


def _give(
    places: Iterable[Neighbourhood],
    *,
    person: User,
    by: User | None,
    invitation: Invitation | None = None,
) -> None:
    for place in places:
        Membership.objects.create(
            user=person, neighbourhood=place, role=Membership.Role.FACILITATOR
        )
        _record(
            PeopleEvent.Action.ROLE_GIVEN,
            by=by,
            person=person,
            role=FACILITATOR,
            neighbourhood=place,
            invitation=invitation,
        )


# --- roles -------------------------------------------------------------------------------


def give_facilitator_role(
    *, by: User, person: User, neighbourhoods: Iterable[Neighbourhood]
) -> list[Neighbourhood]:
    """Make an existing staff account a facilitator of more neighbourhoods;
    the neighbourhoods it is given (those it facilitated already are left)."""
    places = list(neighbourhoods)
    if not places:
        raise Refused(_("Choose at least one neighbourhood."))
    if not all(by.has_perm("people.give_facilitator_role", place) for place in places):
        raise PermissionDenied
    with transaction.atomic():
        if not holds_staff_role(person):
            raise Refused(
                _(
                    "Only a facilitator, researcher or administrator can be given a role here. "
                    "Invite anyone else."
                )
            )
        held = dict(
            Membership.objects.filter(user=person, neighbourhood__in=places).values_list(
                "neighbourhood_id", "role"
            )
        )
        if any(role != Membership.Role.FACILITATOR for role in held.values()):
            raise Refused(
                _(
                    "This account takes part as a resident in one of these neighbourhoods: "
                    "it cannot also facilitate there."
                )
            )
        given = [place for place in places if place.pk not in held]
        _give(given, person=person, by=by)
    return given


def remove_facilitator(*, by: User, membership: Membership) -> None:
    """Remove a facilitator from one neighbourhood: from their next page on
    they no longer see or change its work."""
    with transaction.atomic():
        # Two facilitators stepping down at once must not both be the
        # second-to-last: the neighbourhood's row is their turnstile.
        Neighbourhood.objects.select_for_update().filter(pk=membership.neighbourhood_id).first()
        current = (
            Membership.objects.select_related("user", "neighbourhood")
            .filter(pk=membership.pk, role=Membership.Role.FACILITATOR)
            .first()
        )
        if current is None:
            raise Refused(_("This person no longer facilitates this neighbourhood."))
        if not by.has_perm("people.remove_facilitator", current):
            if by.has_perm("people.view_facilitator", current):
                raise Refused(
                    _(
                        "You are the only facilitator of this neighbourhood: invite another "
                        "one first, or ask an administrator. Nothing was changed."
                    )
                )
            raise PermissionDenied
        current.delete()
        if current.user_id == by.pk:
            forget_roles(by)  # stepping down: what they may do is read again
        _record(
            PeopleEvent.Action.ROLE_REMOVED,
            by=by,
            person=current.user,
            role=FACILITATOR,
            neighbourhood=current.neighbourhood,
        )


def remove_researcher(*, by: User, person: User) -> None:
    if not by.has_perm("people.remove_researcher", person):
        raise PermissionDenied
    with transaction.atomic():
        removed = User.objects.filter(pk=person.pk, is_researcher=True).update(is_researcher=False)
        if not removed:
            raise Refused(_("This person is not a researcher. Nothing was changed."))
        person.is_researcher = False
        _record(PeopleEvent.Action.ROLE_REMOVED, by=by, person=person, role=RESEARCHER)


# --- password reset links ------------------------------------------------------------------


def make_reset_link(*, by: User, person: User) -> str:
    """The address (path) where `person` sets a new password. It works once:
    Django's token hashes the password and the last sign-in, which setting a
    password changes; PASSWORD_RESET_TIMEOUT bounds it in time."""
    if not by.has_perm("people.make_reset_link", person):
        raise PermissionDenied
    if not person.is_active or not holds_staff_role(person):
        raise Refused(
            _(
                "Reset links are for facilitators, researchers and administrators only. "
                "Nothing was made."
            )
        )
    with transaction.atomic():
        _record(PeopleEvent.Action.RESET_LINK_MADE, by=by, person=person)
    return reverse(
        "password-reset-link",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
            "token": default_token_generator.make_token(person),
        },
    )


def reset_password(*, person: User, password: str) -> None:
    """Set the password chosen on a reset link (checked by the link's page)."""
    with transaction.atomic():
        person.set_password(password)
        person.save(update_fields=["password"])
        _record(PeopleEvent.Action.RESET_LINK_USED, by=person, person=person)
