"""Casting ballots, counting them, and ordering an agenda by the result.

Every count is an SQL aggregate: the number of queries does not grow with
the number of ballots.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from access import disclosure
from agendas.models import Issue
from communities.models import Membership, ParticipantGroup
from residents.models import ResidentProfile
from tallies.models import PaperTally, TallyCount

from .models import Ballot, BallotGroup, BallotMark, Participation, VotingRound

if TYPE_CHECKING:
    from uuid import UUID

    from django.contrib.auth.models import AnonymousUser

    from access.types import Person
    from communities.models import User

    # A row of the breakdown by group: the group (None: the other groups),
    # its points by issue id, and how many voters it stands for.
    GroupRow = tuple[ParticipantGroup | None, dict[int, int], int]

RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _secret() -> bytes:
    return (getattr(settings, "BALLOT_SECRET", "") or settings.SECRET_KEY + ":ballots").encode()


def voter_key(round_id: int, user_id: int) -> str:
    return hmac.new(_secret(), f"{round_id}:{user_id}".encode(), hashlib.sha256).hexdigest()


def receipt_hash(round_id: int, receipt: str) -> str:
    text = receipt.replace("-", "").replace(" ", "").upper()
    return hmac.new(_secret(), f"receipt:{round_id}:{text}".encode(), hashlib.sha256).hexdigest()


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
        key = voter_key(round.pk, user.pk)
        Ballot.objects.filter(round=round, voter_key=key).delete()  # the last one counts
        ballot = Ballot.objects.create(
            round=round, voter_key=key, receipt_hash=receipt_hash(round.pk, receipt)
        )
        BallotMark.objects.bulk_create(
            BallotMark(ballot=ballot, issue_id=issue_id, points=points)
            for issue_id, points in points_of(round, marks).items()
        )
        profile = ResidentProfile.objects.filter(user=user).first()
        if profile:
            ballot.groups.set(profile.groups.all())
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
    keys = [voter_key(round_id, user.pk) for round_id in rounds]
    if not keys or not group_ids:
        return 0
    deleted, _detail = BallotGroup.objects.filter(
        ballot__voter_key__in=keys, group_id__in=group_ids
    ).delete()
    return deleted


@dataclass
class CheckedBallot:
    """What a receipt shows its holder: their marks on the issues they may
    see, and only how many marks went to issues they may no longer see (an
    issue made restricted after the vote keeps its title to the team)."""

    marks: list
    unseen: int = 0


def ballot_for_receipt(round: VotingRound, receipt: str, *, user: Person) -> CheckedBallot | None:
    """The ballot this receipt was given for, as `user` may read it, or None."""
    ballot = Ballot.objects.filter(
        round=round, receipt_hash=receipt_hash(round.pk, receipt)
    ).first()
    if ballot is None:
        return None
    seen = Issue.objects.visible_to(user).values("pk")
    return CheckedBallot(
        marks=list(
            ballot.marks.filter(issue__in=seen)
            .select_related("issue")
            .order_by("-points", "issue__order", "issue__pk")
        ),
        unseen=ballot.marks.exclude(issue__in=seen).count(),
    )


@dataclass
class IssueResult:
    issue: Issue
    online: int | None = 0  # None: withheld (access.disclosure)
    paper: int = 0
    share: float = 0.0  # of the combined vote, in %


@dataclass
class Results:
    round: VotingRound
    issues: list
    ballots: int
    residents: int
    paper_voters: int
    groups: list = field(default_factory=list)  # [(group or None, voters, [points])]
    online_shown: bool = True  # False: the online totals are withheld
    tallies_left_out: int = 0  # flip charts of too few voters to be counted

    @property
    def turnout(self) -> int:
        return round(100 * self.ballots / self.residents) if self.residents else 0


def count_votes(round: VotingRound) -> Results:
    """Every count of a round as the database holds it: the online ballots'
    points, and the dots of the flip charts counted in published figures
    (access.disclosure). Never shown as such: pages, exports and the agenda's
    order read `results`, which withholds what the rules of disclosure say."""
    issues = list(round.ballot_issues().select_related("dimension"))
    online = dict(
        BallotMark.objects.filter(ballot__round=round)
        .values("issue")
        .annotate(total=Sum("points"))
        .values_list("issue", "total")
    )
    ballots = Ballot.objects.filter(round=round).count()
    paper = dict(
        TallyCount.objects.filter(tally__agenda_id=round.agenda_id)
        .filter(disclosure.counted_tallies("tally__"))
        .values("issue")
        .annotate(total=Sum("dots"))
        .values_list("issue", "total")
    )
    counted = disclosure.counted_tallies()
    tallies = PaperTally.objects.filter(agenda_id=round.agenda_id).aggregate(
        paper_voters=Sum("voters", filter=counted, default=0),
        left_out=Count("pk", filter=~counted),
    )
    rows = [IssueResult(issue, online.get(issue.pk, 0), paper.get(issue.pk, 0)) for issue in issues]
    _share(rows, ballots, tallies["paper_voters"])
    residents = Membership.objects.filter(  # type: ignore[misc]
        neighbourhood_id=round.agenda.neighbourhood_id, role="resident"
    ).count()
    return Results(
        round,
        rows,
        ballots,
        residents,
        tallies["paper_voters"],
        tallies_left_out=tallies["left_out"],
    )


def _share(rows: list[IssueResult], ballots: int, paper_voters: int) -> None:
    """Each issue's share of each source's total, weighted by how many
    people voted in it; rows sorted by the combined share."""
    online_total = sum(row.online or 0 for row in rows) or 1
    paper_total = sum(row.paper for row in rows) or 1
    weight = (ballots + paper_voters) or 1
    for row in rows:
        row.share = (
            100
            * ((row.online or 0) / online_total * ballots + row.paper / paper_total * paper_voters)
            / weight
        )
    rows.sort(key=lambda row: (-row.share, row.issue.order, row.issue.pk))


def results(round: VotingRound) -> Results:
    """What may be published of a round (access.disclosure): online ballots,
    paper tallies, and the two combined, with the breakdown by group. While
    the round is open, or when it has too few ballots, its online totals are
    withheld and the combined shares are the paper's alone."""
    if not round.sealed and not round.is_open():
        seal(round)  # closed by time since it was last looked at
    result = count_votes(round)
    if not disclosure.round_totals_shown(closed=round.is_closed(), ballots=result.ballots):
        result.online_shown = False
        for row in result.issues:
            row.online = None
        _share(result.issues, 0, result.paper_voters)
        return result
    # Each group's points in the same order as the issues above.
    result.groups = [
        (group, voters, [points.get(row.issue.pk, 0) for row in result.issues])
        for group, points, voters in group_breakdown(round, result.ballots)
    ]
    return result


def group_breakdown(round: VotingRound, ballots: int) -> list[GroupRow]:
    """Points per issue by the groups voters said they belong to, as far as
    the rules of disclosure allow (access.disclosure.groups_to_show): each
    group shown has a row, and the voters of the groups not shown one row of
    "other groups" (a voter in several of them counts once) when that is
    safe too. `ballots`: the number of ballots of the round."""
    memberships: dict[UUID, set[int]] = {}
    for ballot_id, group_id in BallotGroup.objects.filter(ballot__round=round).values_list(
        "ballot_id", "group_id"
    ):
        memberships.setdefault(ballot_id, set()).add(group_id)
    voters = list(memberships.values()) + [set()] * (ballots - len(memberships))
    groups = list(ParticipantGroup.objects.order_by("order", "slug"))
    chosen = disclosure.groups_to_show(voters, order=[g.pk for g in groups])
    points: dict[int, dict[int, int]] = {}
    for group_id, issue_id, total in (
        BallotMark.objects.filter(ballot__round=round, ballot__ballotgroup__isnull=False)
        .values_list("ballot__ballotgroup__group", "issue")
        .annotate(total=Sum("points"))
    ):
        points.setdefault(group_id, {})[issue_id] = total
    shown: list[GroupRow] = [
        (group, points.get(group.pk, {}), sum(group.pk in v for v in voters))
        for group in groups
        if group.pk in chosen
    ]
    if disclosure.OTHER in chosen:
        named = [group.pk for group, _points, _voters in shown]  # type: ignore[union-attr]
        in_rest = (
            BallotGroup.objects.filter(ballot__round=round)
            .exclude(group__in=named)
            .values("ballot")
        )
        other = dict(
            BallotMark.objects.filter(ballot__in=in_rest)
            .values("issue")
            .annotate(total=Sum("points"))
            .values_list("issue", "total")
        )
        shown.append((None, other, sum(bool(v - set(named)) for v in voters)))
    return shown


def close_round(round: VotingRound) -> bool:
    """Close a round by hand (the first closing time is kept) and seal it.
    Returns whether this call closed it."""
    closed = VotingRound.objects.filter(pk=round.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    if closed:
        seal(round)
    return bool(closed)


def seal(round: VotingRound) -> bool:
    """Write a closed round's ballots again, in one transaction and in a
    random order, with new random ids: what the database kept of the order
    and the transactions in which they were cast is gone. Receipts and
    results are unchanged."""
    with transaction.atomic():
        round = VotingRound.objects.select_for_update().get(pk=round.pk)
        if round.sealed or round.is_open():
            return False
        ballots = list(
            Ballot.objects.filter(round=round).prefetch_related("marks", "ballotgroup_set")
        )
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
    result = result or results(round)
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
