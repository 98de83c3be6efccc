"""Deployment checks of the secrets that key the stored hashes
(core.keyring): run by `manage.py check --deploy`.

Their messages are for the operator, in English, as Django's own are."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core import checks

# The settings whose secrets must stand apart from SECRET_KEY, and what
# they protect, for the message.
HASH_SECRETS = {
    "CODE_SECRET": "participant codes and invitations",
    "BALLOT_SECRET": "voter keys and receipts of ballots",
}


@checks.register(checks.Tags.security, deploy=True)
def check_hash_secrets(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """With DEBUG off, each hash secret is set and is not SECRET_KEY (nor one
    of its fallbacks): otherwise rotating SECRET_KEY would lose every code
    and ballot, and whoever learns SECRET_KEY could link ballots to voters."""
    if settings.DEBUG:
        return []
    secret_keys = {settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS}
    errors: list[checks.CheckMessage] = []
    for number, (name, protects) in enumerate(HASH_SECRETS.items(), start=1):
        value = getattr(settings, name, "") or ""
        if not value:
            errors.append(
                checks.Error(
                    f"{name} is not set: the hashes of {protects} are keyed with SECRET_KEY.",
                    hint=f"Set {name} to a long random value of its own (deploy/README.md).",
                    id=f"core.E00{2 * number - 1}",
                )
            )
        elif value in secret_keys:
            errors.append(
                checks.Error(
                    f"{name} is the same as SECRET_KEY (or one of SECRET_KEY_FALLBACKS).",
                    hint=f"Give {name} a value of its own (deploy/README.md, rotating keys).",
                    id=f"core.E00{2 * number}",
                )
            )
    return errors
