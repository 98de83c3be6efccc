"""A researcher's API token for tests, made the way the token page makes it."""

from knox.models import AuthToken


def token_for(user):
    """A new token of `user`, in the plain text only its holder ever sees."""
    _instance, token = AuthToken.objects.create(user=user, expiry=None)
    return token
