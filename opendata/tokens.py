"""API tokens of researchers and admins: one each, created, replaced or
revoked by its holder. Only a hash of a token is kept (django-rest-knox), so
neither the database nor the admin can give it away: the token itself is
shown once, on the page that made it."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from knox.models import AuthToken

SHOWN_ONCE = gettext_noop("Copy it now: it is shown only this once.")


def token_of(user):
    return AuthToken.objects.filter(user=user).order_by("-created").first()


def _make(user):
    _instance, token = AuthToken.objects.create(user=user, expiry=None)
    return token


def _holding(user):
    # Two clicks at once must not leave two tokens: one waits for the other.
    get_user_model().objects.select_for_update().get(pk=user.pk)


@transaction.atomic
def create(user):
    """(message, the new token or None)."""
    _holding(user)
    if AuthToken.objects.filter(user=user).exists():
        return (
            _(
                "You already have a token. It was shown only when it was made: "
                "if you no longer have it, replace it with a new one."
            ),
            None,
        )
    return _("Your token was created. %(once)s") % {"once": _(SHOWN_ONCE)}, _make(user)


@transaction.atomic
def regenerate(user):
    # The old token stops working at once: its row goes, a new one is made.
    _holding(user)
    AuthToken.objects.filter(user=user).delete()
    message = _("A new token replaces the old one, which no longer works. %(once)s")
    return message % {"once": _(SHOWN_ONCE)}, _make(user)


@transaction.atomic
def revoke(user):
    AuthToken.objects.filter(user=user).delete()
    return _("Your token was revoked: it no longer works."), None


ACTIONS = {"create": create, "regenerate": regenerate, "revoke": revoke}
