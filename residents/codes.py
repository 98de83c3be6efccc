"""Participant codes: short enough to type from a paper slip, long enough
that no one guesses one.

12 characters from an alphabet without look-alikes (no 0/O, 1/I/L) carry
12 × log2(31) ≈ 59 bits of randomness. Only a keyed hash of each code is
stored: a copy of the database does not give away a single code.
"""

import re
import secrets

from core.keyring import KeyRing, key_ring

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


def _keys() -> KeyRing:
    # The same suffix whether CODE_SECRET is set or derived: an operator who
    # sets it lists the SECRET_KEY it replaces in CODE_SECRET_FALLBACKS.
    return key_ring(
        "CODE_SECRET", derived_suffix=":participant-codes", own_suffix=":participant-codes"
    )


def code_hash(normalised):
    """The hash a new code is stored under."""
    return _keys().hash(normalised)


def code_hashes(normalised):
    """Every hash a stored code may carry (the current secret's first, then
    those it replaced): look a typed code up with `code_hash__in`."""
    return _keys().hashes(normalised)
