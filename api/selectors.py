"""The rows of each open data set as one person may read them.

The API, the CSV and JSON downloads all read through these functions, and
these only through the filters of `access.rules`: a restricted issue, or a
workshop of a neighbourhood whose agenda one may not read, is not a row.
Rows and their joins name hideable things by public id (core.public_ids),
so that the ids one reads say nothing about the rows one may not read.
Each function costs the same number of queries however many rows there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import F, Prefetch, QuerySet, Sum

from access import disclosure
from access import rules as access
from agendas.models import Agenda, Issue
from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from voting.selectors import round_totals, rounds_with_results
from workshops.models import Attendance, Workshop
from workshops.public import published_attendance, published_rows

if TYPE_CHECKING:
    from access.types import Person

PAPER, ONLINE = "paper", "online"


def cities(user: Person) -> QuerySet[City]:
    return City.objects.order_by("slug")


def neighbourhoods(user: Person) -> QuerySet[Neighbourhood]:
    # The number of people who took part is public, as on the home page; the
    # workshops it is counted from are not necessarily.
    return (
        Neighbourhood.objects.with_participant_total()
        .annotate(city_slug=F("city__slug"))
        .order_by("slug")
    )


def dimensions(user: Person) -> QuerySet[SecurityDimension]:
    return SecurityDimension.objects.order_by("order", "slug")


def participant_groups(user: Person) -> QuerySet[ParticipantGroup]:
    return ParticipantGroup.objects.order_by("order", "slug")


def workshops(user: Person) -> QuerySet[Any]:
    # Date, title and numbers only, whoever asks (workshops.public).
    return published_rows(Workshop.objects.filter(access.workshop_numbers_filter(user))).order_by(
        "neighbourhood__slug", "date", "pk"
    )


def attendance(user: Person) -> QuerySet[Attendance]:
    # Less a small group at a workshop and what would give it away
    # (access.disclosure), whoever reads.
    return (
        published_attendance(Attendance.objects.filter(access.attendance_numbers_filter(user)))
        .annotate(group_slug=F("group__slug"), workshop_public_id=F("workshop__public_id"))
        .order_by(
            "workshop__neighbourhood__slug",
            "workshop__date",
            "workshop_id",
            "group__order",
            "group__slug",
        )
    )


def issues(user: Person) -> QuerySet[Issue]:
    return (
        Issue.objects.visible_to(user)
        .annotate(
            agenda_slug=F("agenda__slug"),
            neighbourhood_slug=F("agenda__neighbourhood__slug"),
            city_slug=F("agenda__neighbourhood__city__slug"),
            dimension_slug=F("dimension__slug"),
        )
        .with_dots()
        .prefetch_related(
            Prefetch(
                "related_dimensions",
                queryset=SecurityDimension.objects.order_by("order", "slug").only("pk", "slug"),
            )
        )
        .order_by("agenda__slug", "order", "pk")
    )


def proposals(user: Person) -> QuerySet[Proposal]:
    # A proposal may answer a restricted issue: its id is listed only to
    # those who may see that issue.
    return (
        Proposal.objects.visible_to(user)
        .annotate(agenda_slug=F("agenda__slug"))
        .prefetch_related(
            Prefetch(
                "issues",
                queryset=Issue.objects.visible_to(user)
                .order_by("order", "pk")
                .only("pk", "public_id"),
                to_attr="visible_issues",
            )
        )
        .order_by("agenda__slug", "order", "pk")
    )


def results(
    user: Person, *, agenda: str | None = None, source: str | None = None
) -> list[dict[str, Any]]:
    """Vote totals, one row per (source, agenda, issue[, round]): dots from the
    paper tallies, and the points of each closed online round `user` may
    read. Only issues `user` may see appear (ballots only hold public ones),
    and only the figures `access.disclosure` lets out: flip charts of at
    least five voters, rounds of at least five ballots."""
    visible = Issue.objects.visible_to(user)
    if agenda:
        visible = visible.filter(agenda__slug=agenda)
    rows: list[dict[str, Any]] = []
    if source in (None, PAPER):
        voters = dict(
            PaperTally.objects.filter(agenda__in=Agenda.objects.visible_to(user))
            .filter(disclosure.counted_tallies())
            .values_list("agenda_id")
            .annotate(total=Sum("voters"))
            .order_by()
        )
        for agenda_id, agenda_slug, issue_id, issue_public_id, order, dots in (
            TallyCount.objects.filter(issue__in=visible)
            .filter(disclosure.counted_tallies("tally__"))
            .values_list(
                "issue__agenda_id",
                "issue__agenda__slug",
                "issue_id",
                "issue__public_id",
                "issue__order",
            )
            .annotate(total=Sum("dots"))
            .order_by()
        ):
            rows.append(
                {
                    "source": PAPER,
                    "agenda": agenda_slug,
                    "issue": issue_public_id,
                    "round": None,
                    "method": None,
                    "ballots": voters.get(agenda_id, 0),
                    "points": dots,
                    "_order": (agenda_slug, 0, 0, order, issue_id),
                }
            )
    if source in (None, ONLINE):
        rounds = rounds_with_results(user).filter(access.round_closed_filter())
        if agenda:
            rounds = rounds.filter(agenda__slug=agenda)
        about = {
            pk: (public_id, method, agenda_slug)
            for pk, public_id, method, agenda_slug in rounds.values_list(
                "pk", "public_id", "method", "agenda__slug"
            )
        }
        totals = round_totals(rounds)
        issue_of = {
            pk: (public_id, order)
            for pk, public_id, order in visible.filter(
                agenda__in=rounds.values("agenda")
            ).values_list("pk", "public_id", "order")
        }
        for round_id, total in totals.items():
            round_public_id, method, agenda_slug = about[round_id]
            for issue_id, points in total["points"].items():
                if issue_id not in issue_of:
                    continue
                issue_public_id, order = issue_of[issue_id]
                rows.append(
                    {
                        "source": ONLINE,
                        "agenda": agenda_slug,
                        "issue": issue_public_id,
                        "round": round_public_id,
                        "method": method,
                        "ballots": total["ballots"],
                        "points": points,
                        "_order": (agenda_slug, 1, round_id, order, issue_id),
                    }
                )
    rows.sort(key=lambda row: row["_order"])
    for row in rows:
        del row["_order"]
    return rows
