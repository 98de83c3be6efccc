"""A resident's rights over their data: withdrawing consent to the
sensitive question, and deleting everything the site holds about them.

`delete_resident` is the one deletion, used by the "delete my data" page
and by `manage.py purge_residents` (privacy.retention).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from access.rules import can_hold_own_data
from agendas.cache import content_changed
from communities.models import User
from history.reasons import forget_suggester
from residents.consent import clear_consent, sensitive_groups
from residents.models import ResidentProfile
from voting.services import forget_groups_on_ballots


def holds_own_data(user: User) -> bool:
    """Only a pseudonymous resident deletes themselves: never a facilitator,
    researcher or administrator, whose account others depend on."""
    # The predicate itself: Django grants a superuser every permission.
    return can_hold_own_data.test(user, None)


def withdraw_consent(user: User) -> None:
    """Delete the answers to the sensitive question — from the profile and
    from the resident's ballots — and the consent itself."""
    with transaction.atomic():
        profile = ResidentProfile.objects.filter(user=user).first()
        if profile is not None:
            clear_consent(profile)
        forget_groups_on_ballots(user, list(sensitive_groups().values_list("pk", flat=True)))


def delete_resident(user: User) -> None:
    """Delete a resident and everything they gave: profile and groups,
    memberships, comments, suggestions, supports and the record of which
    rounds they voted in. Ballots stay, anonymous and counted; the history
    keeps that a suggestion was accepted, without the pseudonym; the code
    they used stays used, naming no one."""
    if not holds_own_data(user):
        raise PermissionDenied
    with transaction.atomic():
        withdraw_consent(user)  # before the rounds they voted in are forgotten
        forget_suggester(user.get_username())
        get_user_model().objects.filter(pk=user.pk).delete()
        # Support counts and comments show on agenda pages.
        content_changed()
