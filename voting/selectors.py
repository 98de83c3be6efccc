"""What a voting round shows, read without writing anything: a ballot
found by its receipt, a round's counts and the results that may be
published of them; and the totals of many rounds at once, for pages and
exports that read several neighbourhoods side by side (the comparison page,
open data, the API). Only sums leave here, and a receipt's own ballot:
never anyone else's.

Every count is an SQL aggregate: the number of queries does not grow with
the number of ballots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Min, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from access import disclosure
from access import rules as access
from agendas.models import Agenda, Issue
from communities.models import Membership, ParticipantGroup
from tallies.models import PaperTally, TallyCount

from .keys import receipt_hashes
from .models import Ballot, BallotGroup, BallotMark, VotingRound

if TYPE_CHECKING:
    from datetime import datetime
    from uuid import UUID

    from access.types import Person

# A row of the breakdown by group: the group (None: the other groups), its
# points by issue id, and how many voters it stands for.
GroupRow = tuple[ParticipantGroup | None, dict[int, int], int]


@dataclass
class CheckedBallot:
    """What a receipt shows its holder: their marks on the issues they may
    see, and only how many marks went to issues they may no longer see (an
    issue made restricted after the vote keeps its title to the team)."""

    marks: list[BallotMark]
    unseen: int = 0


def ballot_for_receipt(round: VotingRound, receipt: str, *, user: Person) -> CheckedBallot | None:
    """The ballot this receipt was given for, as `user` may read it, or None."""
    ballot = Ballot.objects.filter(
        round=round, receipt_hash__in=receipt_hashes(round.pk, receipt)
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

    @property
    def points(self) -> int:
        """The points shown beside the combined share: the online points
        (when shown) and the paper dots, so that two issues whose shares
        read alike can still be told apart."""
        return (self.online or 0) + self.paper


@dataclass
class Results:
    round: VotingRound | None  # None: the workshops' paper tallies alone
    issues: list[IssueResult]
    ballots: int
    residents: int
    paper_voters: int
    # [(group or None, voters, [points])]
    groups: list[tuple[ParticipantGroup | None, int, list[int]]] = field(default_factory=list)
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
    paper, paper_voters, left_out = _paper_counts(round.agenda_id)
    rows = [IssueResult(issue, online.get(issue.pk, 0), paper.get(issue.pk, 0)) for issue in issues]
    _share(rows, ballots, paper_voters)
    residents = Membership.objects.filter(  # type: ignore[misc]
        neighbourhood_id=round.agenda.neighbourhood_id, role="resident"
    ).count()
    return Results(
        round,
        rows,
        ballots,
        residents,
        paper_voters,
        tallies_left_out=left_out,
    )


def _paper_counts(agenda_id: int) -> tuple[dict[int, int], int, int]:
    """The dots of an agenda's flip charts counted in published figures, by
    issue; the people who voted on them; how many charts are left out."""
    paper = dict(
        TallyCount.objects.filter(tally__agenda_id=agenda_id)
        .filter(disclosure.counted_tallies("tally__"))
        .values("issue")
        .annotate(total=Sum("dots"))
        .values_list("issue", "total")
    )
    counted = disclosure.counted_tallies()
    tallies = PaperTally.objects.filter(agenda_id=agenda_id).aggregate(
        paper_voters=Sum("voters", filter=counted, default=0),
        left_out=Count("pk", filter=~counted),
    )
    return paper, tallies["paper_voters"], tallies["left_out"]


def paper_results(agenda: Agenda) -> Results | None:
    """The workshops' paper tallies alone, ranked as `results` ranks a round
    (its issues, its shares, its order): what an agenda with no closed
    online vote shows. None when no flip chart is counted."""
    paper, paper_voters, left_out = _paper_counts(agenda.pk)
    if not paper_voters:
        return None
    issues = VotingRound(agenda=agenda).ballot_issues().select_related("dimension")
    rows = [IssueResult(issue, None, paper.get(issue.pk, 0)) for issue in issues]
    _share(rows, 0, paper_voters)
    return Results(None, rows, 0, 0, paper_voters, online_shown=False, tallies_left_out=left_out)


def latest_closed_round(agenda: Agenda, *, at: datetime | None = None) -> VotingRound | None:
    """The agenda's vote closed most recently by `at` (now when None): by
    hand or by its closing time."""
    at = at or timezone.now()
    return (
        VotingRound.objects.filter(agenda=agenda)
        .filter(Q(closed_at__lte=at) | Q(closes_at__lte=at))
        .select_related("agenda__neighbourhood")
        .order_by(Coalesce("closed_at", "closes_at").desc(), "-pk")
        .first()
    )


def next_closing(agenda: Agenda) -> datetime | None:
    """When the agenda's next open vote closes by its time, if one does: a
    page showing the agenda's results is good until then."""
    now = timezone.now()
    return VotingRound.objects.filter(
        agenda=agenda, closed_at__isnull=True, closes_at__gt=now
    ).aggregate(next=Min("closes_at"))["next"]


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
    withheld and the combined shares are the paper's alone.

    Only reads: a round its closing time closed is read as closed, and
    sealed by voting.services.seal_if_closed, which the pages call first."""
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
        named = [group.pk for group in groups if group.pk in chosen]
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


def rounds_with_results(user: Person) -> QuerySet[VotingRound]:
    """The rounds whose totals `user` may read (voting.view_results)."""
    return VotingRound.objects.filter(access.round_results_filter(user))


def round_totals(rounds: QuerySet[VotingRound]) -> dict[int, dict[str, Any]]:
    """{round id: {"ballots": n, "shown": bool, "points": {issue id: points}}}
    for `rounds` (a queryset), in two queries whatever their number. The
    points are only those the rules of disclosure let out (access.disclosure):
    a round still open, or of fewer ballots than the smallest group, has
    "shown" False and no points. Only public issues are ever on a ballot, so
    the points hold no restricted issue."""
    totals: dict[int, dict[str, Any]] = {}
    for voting_round in (
        VotingRound.objects.filter(pk__in=rounds.values("pk"))
        .annotate(n=Count("ballots", distinct=True))
        .only("pk", "closed_at", "closes_at")
    ):
        ballots = voting_round.n
        shown = disclosure.round_totals_shown(closed=voting_round.is_closed(), ballots=ballots)
        totals[voting_round.pk] = {"ballots": ballots, "shown": shown, "points": {}}
    for round_id, issue_id, points in (
        BallotMark.objects.filter(ballot__round__in=rounds.values("pk"))
        .values_list("ballot__round", "issue")
        .annotate(total=Sum("points"))
        .order_by()
    ):
        if totals[round_id]["shown"]:
            totals[round_id]["points"][issue_id] = points
    return totals
