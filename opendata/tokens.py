"""API tokens of researchers and admins (rest_framework.authtoken): one each,
created, replaced or revoked by its holder."""

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token


def token_of(user):
    return Token.objects.filter(user=user).first()


@transaction.atomic
def create(user):
    _token, created = Token.objects.get_or_create(user=user)
    if not created:
        return _("You already have a token; it is shown below.")
    return _("Your token was created.")


@transaction.atomic
def regenerate(user):
    # The old key stops working at once: its row goes, a new key is made.
    Token.objects.filter(user=user).delete()
    Token.objects.create(user=user)
    return _("A new token replaces the old one, which no longer works.")


@transaction.atomic
def revoke(user):
    Token.objects.filter(user=user).delete()
    return _("Your token was revoked: it no longer works.")


ACTIONS = {"create": create, "regenerate": regenerate, "revoke": revoke}
