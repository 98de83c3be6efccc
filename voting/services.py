"""What changes a voting round: casting ballots, closing and sealing the
round, and ordering an agenda by its result. What a round shows (its counts,
its results, a ballot found by its receipt) is read in voting.selectors,
which writes nothing.
"""

from __future__ import annotations

import contextlib
import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agendas.cache import content_changed
from agendas.models import Issue
from communities.models import Membership

from .keys import receipt_hash, voter_key, voter_keys
from .models import Ballot, BallotGroup, BallotMark, Participation, VotingRound
from .selectors import Results, results

if TYPE_CHECKING:
    from datetime import datetime

    from django.contrib.auth.models import AnonymousUser

    from communities.models import User

RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def may_vote(user: User | AnonymousUser, round: VotingRound) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(  # type: ignore[misc]
            user=user, neighbourhood_id=round.agenda.neighbourhood_id, role="resident"
        ).exists()
    )


def check_marks(round: VotingRound, marks: dict[int, int]) -> None:
    """Refuse a ballot the round's method does not allow. `marks` maps issue
    ids to what was given: dots, 1 for approved, or rank (1 = first)."""
    allowed = set(round.ballot_issues().values_list("pk", flat=True))
    if any(issue_id not in allowed for issue_id in marks):
        raise ValidationError(_("This ballot names an issue that is not on it."))
    given = {issue_id: value for issue_id, value in marks.items() if value}
    if any(value < 0 for value in marks.values()):
        raise ValidationError(_("Numbers on a ballot cannot be negative."))
    if not given:
        raise ValidationError(_("The ballot is empty: mark at least one issue."))
    if round.method == VotingRound.Method.DOTS:
        if sum(given.values()) > round.dots_per_voter:  # type: ignore[operator]
            raise ValidationError(
                _("You placed %(placed)d dots; each person has %(each)d.")
                % {"placed": sum(given.values()), "each": round.dots_per_voter}
            )
        if max(given.values()) > round.max_dots_per_issue:  # type: ignore[operator]
            raise ValidationError(
                _("At most %(most)d dots on one issue.") % {"most": round.max_dots_per_issue}
            )
    elif round.method == VotingRound.Method.APPROVAL:
        if any(value != 1 for value in given.values()):
            raise ValidationError(_("Approve an issue or leave it unmarked."))
    else:
        ranks = sorted(given.values())
        if ranks != list(range(1, len(ranks) + 1)):
            raise ValidationError(_("Number the issues you rank 1, 2, 3… without gaps or repeats."))


def points_of(round: VotingRound, marks: dict[int, int]) -> dict[int, int]:
    """What each mark counts: dots and approvals as they are; a rank as its
    Borda points (with n issues on the ballot, first gets n−1, last 0)."""
    given = {issue_id: value for issue_id, value in marks.items() if value}
    if round.method != VotingRound.Method.RANKING:
        return given
    size = round.ballot_issues().count()
    return {issue_id: size - rank for issue_id, rank in given.items()}


def cast_ballot(round: VotingRound, user: User, marks: dict[int, int]) -> str:
    """Record (or replace) the user's ballot; returns the receipt code, shown
    once. Raises ValidationError, storing nothing, when refused."""
    with transaction.atomic():
        # Closing the round and casting a ballot cannot cross: the round's
        # row is locked while the ballot is written.
        round = VotingRound.objects.select_for_update().select_related("agenda").get(pk=round.pk)
        if not round.is_open():
            raise ValidationError(_("This vote is closed."))
        if not may_vote(user, round):
            raise ValidationError(_("Only residents of this neighbourhood vote here."))
        check_marks(round, marks)
        receipt = "-".join(
            "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(4)) for _ in range(3)
        )
        # The last one counts, whichever secret keyed the one before.
        Ballot.objects.filter(round=round, voter_key__in=voter_keys(round.pk, user.pk)).delete()
        ballot = Ballot.objects.create(
            round=round,
            voter_key=voter_key(round.pk, user.pk),
            receipt_hash=receipt_hash(round.pk, receipt),
        )
        BallotMark.objects.bulk_create(
            BallotMark(ballot=ballot, issue_id=issue_id, points=points)
            for issue_id, points in points_of(round, marks).items()
        )
        # The groups the resident said they belong to, read through their
        # account: the residents app stands above voting, whose results the
        # published agenda reads. No profile: nothing said of their groups.
        with contextlib.suppress(ObjectDoesNotExist):
            ballot.groups.set(user.resident_profile.groups.all())
        try:
            with transaction.atomic():
                Participation.objects.create(round=round, voter=user)
        except IntegrityError:
            pass  # voted before: this ballot replaced the earlier one
    return receipt


def forget_groups_on_ballots(user: User, group_ids: list[int]) -> int:
    """Take these groups off the user's ballots, in every round they voted
    in (found, like a replaced ballot, through the server's secret): a
    resident who withdraws an answer withdraws it from their ballots too.
    The ballots themselves stay and are counted."""
    rounds = Participation.objects.filter(voter=user).values_list("round_id", flat=True)
    keys = [key for round_id in rounds for key in voter_keys(round_id, user.pk)]
    if not keys or not group_ids:
        return 0
    deleted, _detail = BallotGroup.objects.filter(
        ballot__voter_key__in=keys, group_id__in=group_ids
    ).delete()
    return deleted


def close_round(round: VotingRound, *, now: datetime | None = None) -> bool:
    """Close a round by hand (the first closing time is kept) and seal it,
    in one transaction: no ballot is cast between the two, and a round is
    never closed without its ballots sealed. Returns whether this call
    closed it."""
    with transaction.atomic():
        # Locked as cast_ballot locks it: a ballot is either in before the
        # round closes, and sealed with the others, or refused.
        locked = VotingRound.objects.select_for_update().get(pk=round.pk)
        closed = locked.closed_at is None
        if closed:
            locked.closed_at = now or timezone.now()
            VotingRound.objects.filter(pk=locked.pk).update(closed_at=locked.closed_at)
        _seal(locked)
        if closed:
            # The agenda's pages show the result from now on.
            content_changed()
    return closed


def seal_if_closed(round: VotingRound) -> bool:
    """Seal a round that its closing time closed, the first time its results
    are read or applied after that time: no task watches the clocks. Costs
    no query while the round is open or once it is sealed."""
    if round.sealed or round.is_open():
        return False
    with transaction.atomic():
        return _seal(VotingRound.objects.select_for_update().get(pk=round.pk))


def _seal(round: VotingRound) -> bool:
    """Write a closed round's ballots again, in the caller's transaction
    (`round` locked by it) and in a random order, with new random ids: what
    the database kept of the order and the transactions in which they were
    cast is gone. Receipts and results are unchanged."""
    if round.sealed or round.is_open():
        return False
    ballots = list(Ballot.objects.filter(round=round).prefetch_related("marks", "ballotgroup_set"))
    copies = [
        (
            Ballot(round=round, voter_key=b.voter_key, receipt_hash=b.receipt_hash),
            [(mark.issue_id, mark.points) for mark in b.marks.all()],
            [link.group_id for link in b.ballotgroup_set.all()],
        )
        for b in ballots
    ]
    secrets.SystemRandom().shuffle(copies)
    Ballot.objects.filter(round=round).delete()
    Ballot.objects.bulk_create([ballot for ballot, _marks, _groups in copies])
    marks = [
        BallotMark(ballot=ballot, issue_id=issue_id, points=points)
        for ballot, ballot_marks, _groups in copies
        for issue_id, points in ballot_marks
    ]
    groups = [
        BallotGroup(ballot=ballot, group_id=group_id)
        for ballot, _marks, ballot_groups in copies
        for group_id in ballot_groups
    ]
    secrets.SystemRandom().shuffle(marks)
    secrets.SystemRandom().shuffle(groups)
    BallotMark.objects.bulk_create(marks)
    BallotGroup.objects.bulk_create(groups)
    VotingRound.objects.filter(pk=round.pk).update(sealed=True)
    return True


def apply_result(round: VotingRound, result: Results | None = None) -> None:
    """Order the agenda's prioritised issues by the combined result; the
    issues not on the ballot (restricted ones) keep their order after them."""
    if result is None:
        seal_if_closed(round)
        result = results(round)
    ranked = [row.issue.pk for row in result.issues]
    with transaction.atomic():
        rest = list(
            Issue.objects.select_for_update()
            .filter(agenda_id=round.agenda_id, kind=Issue.Kind.PRIORITISED)
            .exclude(pk__in=ranked)
            .order_by("order", "pk")
            .values_list("pk", flat=True)
        )
        for position, issue_id in enumerate(ranked + rest):
            issue = Issue.objects.get(pk=issue_id)
            if issue.order != position:
                issue.order = position
                issue.save(update_fields=["order"])
