"""Casting ballots, counting them, and ordering an agenda by the result.

Every count is an SQL aggregate: the number of queries does not grow with
the number of ballots.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from agendas.models import Issue
from communities.models import Membership
from residents.models import ResidentProfile
from tallies.models import PaperTally, TallyCount

from .models import Ballot, BallotGroup, BallotMark, Participation, VotingRound

SMALLEST_GROUP = 5  # a group with fewer voters is merged into "other"
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _secret():
    return (getattr(settings, "BALLOT_SECRET", "") or settings.SECRET_KEY + ":ballots").encode()


def voter_key(round_id, user_id):
    return hmac.new(_secret(), f"{round_id}:{user_id}".encode(), hashlib.sha256).hexdigest()


def receipt_hash(round_id, receipt):
    text = receipt.replace("-", "").replace(" ", "").upper()
    return hmac.new(_secret(), f"receipt:{round_id}:{text}".encode(), hashlib.sha256).hexdigest()


def may_vote(user, round):
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, neighbourhood_id=round.agenda.neighbourhood_id, role="resident"
        ).exists()
    )


def check_marks(round, marks):
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
        if sum(given.values()) > round.dots_per_voter:
            raise ValidationError(
                _("You placed %(placed)d dots; each person has %(each)d.")
                % {"placed": sum(given.values()), "each": round.dots_per_voter}
            )
        if max(given.values()) > round.max_dots_per_issue:
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


def points_of(round, marks):
    """What each mark counts: dots and approvals as they are; a rank as its
    Borda points (with n issues on the ballot, first gets n−1, last 0)."""
    given = {issue_id: value for issue_id, value in marks.items() if value}
    if round.method != VotingRound.Method.RANKING:
        return given
    size = round.ballot_issues().count()
    return {issue_id: size - rank for issue_id, rank in given.items()}


def cast_ballot(round, user, marks):
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


@dataclass
class CheckedBallot:
    """What a receipt shows its holder: their marks on the issues they may
    see, and only how many marks went to issues they may no longer see (an
    issue made restricted after the vote keeps its title to the team)."""

    marks: list
    unseen: int = 0


def ballot_for_receipt(round, receipt, *, user):
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
    online: int = 0
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

    @property
    def turnout(self):
        return round(100 * self.ballots / self.residents) if self.residents else 0


def results(round):
    """Online ballots, paper tallies, and the two combined: each issue's
    share of each source's total, weighted by how many people voted in it."""
    if not round.sealed and not round.is_open():
        seal(round)  # closed by time since it was last looked at
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
        .values("issue")
        .annotate(total=Sum("dots"))
        .values_list("issue", "total")
    )
    paper_voters = (
        PaperTally.objects.filter(agenda_id=round.agenda_id).aggregate(n=Sum("voters"))["n"] or 0
    )
    online_total = sum(online.get(i.pk, 0) for i in issues) or 1
    paper_total = sum(paper.get(i.pk, 0) for i in issues) or 1
    weight = (ballots + paper_voters) or 1
    rows = []
    for issue in issues:
        share = (
            online.get(issue.pk, 0) / online_total * ballots
            + paper.get(issue.pk, 0) / paper_total * paper_voters
        ) / weight
        rows.append(
            IssueResult(issue, online.get(issue.pk, 0), paper.get(issue.pk, 0), 100 * share)
        )
    rows.sort(key=lambda row: (-row.share, row.issue.order, row.issue.pk))
    residents = Membership.objects.filter(
        neighbourhood_id=round.agenda.neighbourhood_id, role="resident"
    ).count()
    # Each group's points in the same order as the issues above.
    groups = [
        (group, voters, [points.get(row.issue.pk, 0) for row in rows])
        for group, points, voters in group_breakdown(round)
    ]
    return Results(round, rows, ballots, residents, paper_voters, groups)


def group_breakdown(round):
    """Points per issue by the groups voters said they belong to. Groups of
    fewer than five voters are merged into "other groups", counted by
    ballot (a voter in several small groups counts once), and shown only
    if that too has five voters."""
    from communities.models import ParticipantGroup

    links = BallotGroup.objects.filter(ballot__round=round)
    voters = dict(
        links.values("group").annotate(n=Count("ballot", distinct=True)).values_list("group", "n")
    )
    points = {}
    for group_id, issue_id, total in (
        BallotMark.objects.filter(ballot__round=round, ballot__ballotgroup__isnull=False)
        .values_list("ballot__ballotgroup__group", "issue")
        .annotate(total=Sum("points"))
    ):
        points.setdefault(group_id, {})[issue_id] = total
    names = {g.pk: g for g in ParticipantGroup.objects.filter(pk__in=voters)}
    shown = [
        (names[group_id], points.get(group_id, {}), count)
        for group_id, count in sorted(voters.items(), key=lambda item: names[item[0]].order)
        if count >= SMALLEST_GROUP
    ]
    # The small groups are chosen in SQL, so these two queries run (and cost
    # the same) whether or not there are any.
    small = (
        links.values("group")
        .annotate(n=Count("ballot", distinct=True))
        .filter(n__lt=SMALLEST_GROUP)
        .values("group")
    )
    in_small = Ballot.objects.filter(round=round, ballotgroup__group__in=small).distinct()
    other_voters = in_small.count()
    other = dict(
        BallotMark.objects.filter(ballot__in=in_small.values("pk"))
        .values("issue")
        .annotate(total=Sum("points"))
        .values_list("issue", "total")
    )
    if other_voters >= SMALLEST_GROUP:
        shown.append((None, other, other_voters))
    return shown


def seal(round):
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


def apply_result(round, result=None):
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
