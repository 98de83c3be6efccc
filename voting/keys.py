"""The keys that find a ballot again without naming its voter: computed
with a secret that lives in the server's settings, never in the database
(see voting.models). Casting a ballot and checking a receipt both use them."""

import hashlib
import hmac

from django.conf import settings


def _secret():
    return (getattr(settings, "BALLOT_SECRET", "") or settings.SECRET_KEY + ":ballots").encode()


def voter_key(round_id, user_id):
    return hmac.new(_secret(), f"{round_id}:{user_id}".encode(), hashlib.sha256).hexdigest()


def receipt_hash(round_id, receipt):
    text = receipt.replace("-", "").replace(" ", "").upper()
    return hmac.new(_secret(), f"receipt:{round_id}:{text}".encode(), hashlib.sha256).hexdigest()
