"""Keyed hashes that outlive a change of their key.

Participant codes, invitations, voter keys and receipts are stored only as
keyed hashes (HMAC-SHA256), the key kept in the server's settings and never
in the database. Each kind of hash has its own secret setting and a list of
the secrets it replaced (`<NAME>_FALLBACKS`), as Django has SECRET_KEY and
SECRET_KEY_FALLBACKS: a new hash is made with the current secret, and a
lookup asks for the hash under every secret at once, so that what was
stored before a change of secret is still found.

When a secret is not set (development, tests) it is derived from SECRET_KEY,
and then SECRET_KEY's own fallbacks count among its older keys: rotating
SECRET_KEY never loses a code or a ballot. In production each secret is set
and differs from SECRET_KEY (core.checks), so that knowing SECRET_KEY (a
session forger's prize) does not also link ballots to their voters.
"""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class KeyRing:
    """The current key, then the keys it replaced, newest first."""

    keys: tuple[bytes, ...]

    def hash(self, message: str) -> str:
        """The hash to store: under the current key."""
        return _hmac(self.keys[0], message)

    def hashes(self, message: str) -> list[str]:
        """Every hash a stored row may carry for `message`, the current
        first: for one lookup with `__in`."""
        return list(dict.fromkeys(_hmac(key, message) for key in self.keys))


def key_ring(secret_setting: str, *, derived_suffix: str, own_suffix: str = "") -> KeyRing:
    """The keys of the secret named `secret_setting` (and its _FALLBACKS).

    A set secret is used with `own_suffix` appended; an unset one is
    SECRET_KEY (and its fallbacks) with `derived_suffix` appended, as this
    site has always derived it, so that existing data keeps working."""
    own = getattr(settings, secret_setting, "") or ""
    older = list(getattr(settings, f"{secret_setting}_FALLBACKS", []) or [])
    if own:
        secrets = [own + own_suffix] + [secret + own_suffix for secret in older]
    else:
        derived_from = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        secrets = [secret + derived_suffix for secret in derived_from]
        secrets += [secret + own_suffix for secret in older]
    return KeyRing(tuple(secret.encode() for secret in secrets))


def _hmac(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
