"""An invitation's secret: a code of the same shape as a participant code
(residents.codes), short enough to dictate or type from paper, with its own
key for the stored hash, so that a participant code and an invitation can
never be taken for each other. The link carries the same code."""

from core.keyring import KeyRing, key_ring
from residents.codes import new_code, normalise

__all__ = ["code_hash", "code_hashes", "new_code", "normalise"]


def _keys() -> KeyRing:
    # Participant codes' secret (CODE_SECRET), with a suffix of its own.
    return key_ring(
        "CODE_SECRET", derived_suffix=":staff-invitations", own_suffix=":staff-invitations"
    )


def code_hash(normalised: str) -> str:
    """The hash a new invitation is stored under."""
    return _keys().hash(normalised)


def code_hashes(normalised: str) -> list[str]:
    """Every hash a stored invitation may carry, the current first."""
    return _keys().hashes(normalised)
