"""Participant codes: short enough to type from a paper slip, long enough
that no one guesses one.

12 characters from an alphabet without look-alikes (no 0/O, 1/I/L) carry
12 × log2(31) ≈ 59 bits of randomness. Only a keyed hash of each code is
stored: a copy of the database does not give away a single code.
"""

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
GROUP = 4
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.]+")


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalise(typed):
    """The code as typed, in capitals and without separators; None if it
    cannot be a code (wrong length or a character no code has)."""
    text = _SEPARATORS.sub("", (typed or "").upper())
    if len(text) != LENGTH or any(char not in ALPHABET for char in text):
        return None
    return text


def code_hash(normalised):
    key = (settings.SECRET_KEY + ":participant-codes").encode()
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()
