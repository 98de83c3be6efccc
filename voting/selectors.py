"""Totals of many voting rounds at once, for pages and exports that read
several neighbourhoods side by side (the comparison page, open data, the
API). Only sums leave here: never a ballot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet, Sum

from access import disclosure
from access import rules as access

from .models import BallotMark, VotingRound

if TYPE_CHECKING:
    from access.types import Person


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
