"""What a resident hears back about the votes of their neighbourhoods: each
round, whether they took part, and once it is closed what came of it.

That they took part is read from `Participation`, which the site keeps for
exactly this and nothing more (voting.models): their ballot is never read.
What came of a round is `voting.selectors.results`, in its order and with
its figures, so the resident reads the same published result as everyone
else: only for rounds whose results they may read (voting.view_results,
through its queryset twin), only the figures the rules of disclosure let
out (access.disclosure), and only issues they may see.

Reads only: the pages seal the rounds they count first
(`counted` says which; voting.services.seal_if_closed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone

from agendas.models import Issue
from communities.models import Membership

from .models import Participation, VotingRound
from .selectors import IssueResult, Results, results, rounds_with_results

if TYPE_CHECKING:
    from communities.models import User

OPEN = "open"
UPCOMING = "upcoming"
CLOSED = "closed"


@dataclass
class RoundOutcome:
    round: VotingRound
    state: str  # OPEN, UPCOMING or CLOSED
    took_part: bool
    # The published result, when it is read here: a closed round whose
    # results the person may read, among the latest ones counted.
    result: Results | None = None
    # Its issues the person may see, in the result's order.
    ranked: list[IssueResult] = field(default_factory=list)
    top: int = 0
    # A closed round whose results the person may not read (its agenda is
    # not open to them at the moment).
    result_withheld: bool = False

    @property
    def top_issues(self) -> list[IssueResult]:
        return self.ranked[: self.top]

    @property
    def more_issues(self) -> int:
        return max(len(self.ranked) - self.top, 0)

    @property
    def has_ranking(self) -> bool:
        """Whether the shares rank anything: with the online totals withheld
        and no paper tally counted, every share is nought."""
        return bool(
            self.result and self.ranked and (self.result.online_shown or self.result.paper_voters)
        )


def resident_rounds(user: User) -> QuerySet[VotingRound]:
    """The rounds of the neighbourhoods `user` is a resident of, latest first."""
    places = Membership.objects.filter(user=user, role="resident").values("neighbourhood")
    return (
        VotingRound.objects.filter(agenda__neighbourhood__in=places)
        .select_related("agenda__neighbourhood")
        .order_by("-opens_at", "-pk")
    )


def state_of(round: VotingRound, now: datetime) -> str:
    if round.is_open(now):
        return OPEN
    if round.is_closed(now):
        return CLOSED
    return UPCOMING


def counted(rounds: list[VotingRound], *, limit: int, now: datetime) -> list[VotingRound]:
    """The closed rounds whose result is read: the first `limit` of them, so
    that a page costs the same queries however many rounds there were."""
    return [r for r in rounds if state_of(r, now) == CLOSED][:limit]


def outcomes(
    user: User,
    rounds: list[VotingRound],
    *,
    limit: int,
    top: int,
    now: datetime | None = None,
) -> list[RoundOutcome]:
    """Each of `rounds` (with their agendas) as `user` hears back about it;
    the results of the first `limit` closed ones, with `top` issues each."""
    now = now or timezone.now()
    ids = [r.pk for r in rounds]
    took_part = set(
        Participation.objects.filter(voter=user, round__in=ids).values_list("round_id", flat=True)
    )
    read = counted(rounds, limit=limit, now=now)
    readable = (
        set(
            rounds_with_results(user)
            .filter(pk__in=[r.pk for r in read])
            .values_list("pk", flat=True)
        )
        if read
        else set()
    )
    found = {r.pk: results(r) for r in read if r.pk in readable}
    # Only public issues are ever on a ballot; asked again here all the same,
    # in one query, as every list of issues is.
    issue_ids = {row.issue.pk for result in found.values() for row in result.issues}
    seen = (
        set(Issue.objects.visible_to(user).filter(pk__in=issue_ids).values_list("pk", flat=True))
        if issue_ids
        else set()
    )
    shown = []
    for r in rounds:
        state = state_of(r, now)
        result = found.get(r.pk)
        shown.append(
            RoundOutcome(
                round=r,
                state=state,
                took_part=r.pk in took_part,
                result=result,
                ranked=[row for row in result.issues if row.issue.pk in seen] if result else [],
                top=top,
                result_withheld=state == CLOSED and r in read and r.pk not in readable,
            )
        )
    return shown
