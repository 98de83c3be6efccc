"""The keys that find a ballot again without naming its voter: computed
with a secret that lives in the server's settings, never in the database
(see voting.models). Casting a ballot and checking a receipt both use them."""

from core.keyring import KeyRing, key_ring


def _keys() -> KeyRing:
    # BALLOT_SECRET is used as it is (as it always was); derived, it is
    # SECRET_KEY + ":ballots".
    return key_ring("BALLOT_SECRET", derived_suffix=":ballots")


def _voter(round_id, user_id):
    return f"{round_id}:{user_id}"


def _receipt(round_id, receipt):
    text = receipt.replace("-", "").replace(" ", "").upper()
    return f"receipt:{round_id}:{text}"


def voter_key(round_id, user_id):
    """The key a new ballot is stored under."""
    return _keys().hash(_voter(round_id, user_id))


def voter_keys(round_id, user_id):
    """Every key the voter's stored ballot may carry, the current first."""
    return _keys().hashes(_voter(round_id, user_id))


def receipt_hash(round_id, receipt):
    return _keys().hash(_receipt(round_id, receipt))


def receipt_hashes(round_id, receipt):
    """Every hash a stored ballot may carry for this receipt, the current first."""
    return _keys().hashes(_receipt(round_id, receipt))
