"""An invitation's secret: a code of the same shape as a participant code
(residents.codes), short enough to dictate or type from paper, with its own
key for the stored hash, so that a participant code and an invitation can
never be taken for each other. The link carries the same code."""

import hashlib
import hmac

from django.conf import settings

from residents.codes import new_code, normalise

__all__ = ["code_hash", "new_code", "normalise"]


def code_hash(normalised: str) -> str:
    key = (settings.SECRET_KEY + ":staff-invitations").encode()
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()
