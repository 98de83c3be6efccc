"""Issuing, withdrawing and redeeming participant codes.

Redeeming a code makes a pseudonymous resident: a made-up username, no
password, no name, e-mail or phone. Two people typing the same code at the
same moment get exactly one resident: the code is claimed by one
conditional UPDATE, which only one transaction can win.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from communities.models import Membership, Neighbourhood, User
from core import pseudonyms

from .codes import ALPHABET, code_hash, code_hashes, new_code, normalise
from .models import CodeBatch, CodeSheet, ParticipantCode, ResidentProfile

MAX_BATCH = 500


class CodeRefused(Exception):
    """The code cannot be used. Deliberately one kind: whether it was
    mistyped, used, withdrawn or expired is not told, so that no one can
    learn which codes exist."""


@dataclass
class IssuedCodes:
    batch: CodeBatch
    codes: list[tuple[int, str]]  # [(slip number, code)] — shown once, never stored


def issue_batch(
    neighbourhood: Neighbourhood,
    count: int,
    *,
    created_by: User | None = None,
    expires_at: datetime | None = None,
    label: str = "",
) -> IssuedCodes:
    if not 1 <= count <= MAX_BATCH:
        raise ValueError(f"A batch holds 1 to {MAX_BATCH} codes.")
    with transaction.atomic():
        batch = CodeBatch.objects.create(
            neighbourhood=neighbourhood, created_by=created_by, expires_at=expires_at, label=label
        )
        codes = []
        for number in range(1, count + 1):
            while True:  # a repeat of a 59-bit code is all but impossible; still, never two
                code = new_code()
                try:
                    with transaction.atomic():
                        ParticipantCode.objects.create(
                            batch=batch, number=number, code_hash=code_hash(normalise(code))
                        )
                    break
                except IntegrityError:
                    continue
            codes.append((number, code))
    return IssuedCodes(batch, codes)


def revoke_batch(batch: CodeBatch) -> int:
    """Withdraw every code of a batch: none lets anyone join or come back,
    residents it let in are signed out everywhere, and its sheet, of no use
    to anyone now, is deleted. What they said and voted stays."""
    with transaction.atomic():
        withdrawn = CodeBatch.objects.filter(pk=batch.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if withdrawn:
            _sign_out_everywhere(ParticipantCode.objects.filter(batch=batch))
    if withdrawn:
        for sheet in CodeSheet.objects.filter(batch=batch):
            sheet.delete_file()
    return withdrawn


def revoke_code(batch: CodeBatch, number: int) -> bool:
    """Withdraw one slip of a batch by its number, used or not (a lost slip
    must not let whoever finds it in as its resident); returns whether a
    slip was withdrawn."""
    with transaction.atomic():
        slip = ParticipantCode.objects.filter(batch=batch, number=number, revoked_at__isnull=True)
        withdrawn = bool(slip.update(revoked_at=timezone.now()))
        if withdrawn:
            _sign_out_everywhere(ParticipantCode.objects.filter(batch=batch, number=number))
    return withdrawn


def _sign_out_everywhere(codes: QuerySet[ParticipantCode]) -> None:
    """End every session of the residents these codes let in: a new
    unusable password changes the hash each session is checked against."""
    User = get_user_model()
    for resident in User.objects.filter(participant_code__in=codes):
        resident.set_unusable_password()
        resident.save(update_fields=["password"])


def find_batch(typed: str) -> int | None:
    """The batch a typed code belongs to, for throttling; None if none."""
    normalised = normalise(typed)
    if normalised is None:
        return None
    return (
        ParticipantCode.objects.filter(code_hash__in=code_hashes(normalised))
        .values_list("batch_id", flat=True)
        .first()
    )


def redeem(typed: str, *, notice_version: int | None = None) -> User:
    """The resident a code signs in, or CodeRefused.

    The first time, a code makes a new pseudonymous resident of its
    neighbourhood; typed again (after signing out, or on a phone that lost
    its cookies), it signs the same resident back in, so that they can
    change their vote while a round is open and check their receipt later.
    It never makes a second resident. A withdrawn code or batch, an expired
    batch, or the code of a resident who deleted their data signs nobody in.
    `notice_version` is the privacy notice the join page showed a new
    resident, kept on their profile."""
    normalised = normalise(typed)
    # Hash even a malformed code, so that every refusal costs the same time.
    digests = code_hashes(normalised or "")
    now = timezone.now()
    with transaction.atomic():
        code = (
            ParticipantCode.objects.select_related("batch", "resident")
            .filter(code_hash__in=digests, revoked_at__isnull=True)
            .first()
        )
        if (
            normalised is None
            or code is None
            or code.batch.revoked_at is not None
            or code.batch.is_expired(now)
        ):
            raise CodeRefused
        if code.used_at is not None:
            return _returning(code)
        claimed = ParticipantCode.objects.filter(pk=code.pk, used_at__isnull=True).update(
            used_at=now
        )
        if not claimed:  # someone redeemed it a moment ago: that is who this is
            code.refresh_from_db()
            return _returning(code)
        resident = _new_resident()
        Membership.objects.create(
            user=resident, neighbourhood_id=code.batch.neighbourhood_id, role="resident"
        )
        ParticipantCode.objects.filter(pk=code.pk).update(resident=resident)
        ResidentProfile.objects.create(user=resident, notice_version_read=notice_version)
    return resident


def _returning(code: ParticipantCode) -> User:
    """The resident a used code made; refused if they are gone (their data
    deleted) or the first redeem of it has not finished yet."""
    resident = code.resident
    if resident is None or not resident.is_active:
        raise CodeRefused
    return resident


def _new_resident() -> User:
    User = get_user_model()
    while True:
        username = pseudonyms.PREFIX + "".join(secrets.choice(ALPHABET.lower()) for _ in range(10))
        if not User.objects.filter(username=username).exists():
            break
    user = User(username=username)
    user.set_unusable_password()
    user.save()
    return user
