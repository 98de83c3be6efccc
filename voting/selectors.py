"""Totals of many voting rounds at once, for pages and exports that read
several neighbourhoods side by side (the comparison page, open data, the
API). Only sums leave here: never a ballot."""

from django.db.models import Count, Sum

from access import rules as access

from .models import BallotMark, VotingRound


def rounds_with_results(user):
    """The rounds whose totals `user` may read (voting.view_results)."""
    return VotingRound.objects.filter(access.round_results_filter(user))


def round_totals(rounds):
    """{round id: {"ballots": n, "points": {issue id: points}}} for `rounds`
    (a queryset), in two queries whatever their number. Only public issues
    are ever on a ballot, so the points hold no restricted issue."""
    totals = {
        round_id: {"ballots": ballots, "points": {}}
        for round_id, ballots in VotingRound.objects.filter(pk__in=rounds.values("pk"))
        .annotate(n=Count("ballots", distinct=True))
        .values_list("pk", "n")
    }
    for round_id, issue_id, points in (
        BallotMark.objects.filter(ballot__round__in=rounds.values("pk"))
        .values_list("ballot__round", "issue")
        .annotate(total=Sum("points"))
        .order_by()
    ):
        totals[round_id]["points"][issue_id] = points
    return totals
