"""Neighbourhoods side by side, by security dimension, as the comparison page
shows them.

Everything starts from what the reader may see (`access.rules` through the
`visible_to` querysets and `voting.selectors`): a restricted issue is neither
listed nor counted for someone who may not see it, and an agenda they may not
see brings no column. Vote figures follow `access.disclosure`: each online
vote is shown whole or withheld whole, whatever the filters, and paper
voters are summed over whole flip charts of at least five voters, so no
filter minus another singles out fewer voters. The number of queries is fixed: the data of every
neighbourhood is read in one go per kind of thing, then grouped here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import ngettext

from access import disclosure
from access import rules as access
from agendas.models import Agenda, Issue
from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension
from tallies.models import PaperTally
from voting.models import BallotMark, VotingRound
from voting.selectors import round_totals, rounds_with_results
from workshops.models import Attendance, Workshop
from workshops.public import published_attendance

from .forms import BOTH

if TYPE_CHECKING:
    from django import forms

    from access.types import Person

PRIORITISED = Issue.Kind.PRIORITISED
SILENCED = Issue.Kind.SILENCED
TOP_ISSUES = 3


@dataclass(frozen=True)
class Filters:
    cities: tuple[str, ...] = ()  # city slugs; none means every city
    dimension: str = ""  # a dimension slug; empty means every dimension
    kind: str = BOTH
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def from_form(cls, form: forms.Form) -> Filters:
        data = form.cleaned_data
        return cls(
            cities=tuple(data.get("city") or ()),
            dimension=data.get("dimension") or "",
            kind=data.get("kind") or BOTH,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    @property
    def has_period(self) -> bool:
        return bool(self.date_from or self.date_to)

    def period(self, prefix: str) -> Q:
        """Q for rows whose date (`prefix`: the path to it) lies in the period."""
        q = Q()
        if self.date_from:
            q &= Q(**{f"{prefix}__gte": self.date_from})
        if self.date_to:
            q &= Q(**{f"{prefix}__lte": self.date_to})
        return q

    def shows(self, kind: str) -> bool:
        return self.kind in (BOTH, kind)


@dataclass
class Cell:
    """The issues of one dimension in one neighbourhood."""

    prioritised: int = 0
    silenced: int = 0
    issues: list[Issue] = field(default_factory=list)
    text: str = ""  # the numbers in words (cell_text)

    @property
    def total(self) -> int:
        return self.prioritised + self.silenced


@dataclass
class Row:
    dimension: SecurityDimension
    cells: list[Cell]  # one Cell per column, in the columns' order

    @property
    def total(self) -> int:
        return sum(cell.total for cell in self.cells)


@dataclass
class RoundResult:
    round: VotingRound
    is_open: bool
    ballots: int
    top: list[tuple[Issue, int]]  # [(Issue, points)], most points first
    shown: bool = True  # False: the totals are withheld (access.disclosure)


@dataclass
class Column:
    """One neighbourhood with an agenda the reader may see."""

    neighbourhood: Neighbourhood
    agendas: list[Agenda] = field(default_factory=list)
    prioritised: int = 0
    silenced: int = 0
    # group id -> people of it present, added up over the workshops
    attendance: dict[int, int] = field(default_factory=dict)
    participants: list[int] = field(default_factory=list)  # counts of Comparison.groups, in order
    # People who took part, each counted once: the first-timers of the
    # workshops in the period. `counted`: some workshop's people were counted.
    participant_total: int = 0
    counted: bool = False
    groups_spoken_to: list[ParticipantGroup] = field(default_factory=list)
    paper_voters: int = 0
    rounds: list[RoundResult] = field(default_factory=list)
    totals: Cell = field(default_factory=Cell)

    @property
    def city(self) -> City:
        return self.neighbourhood.city


@dataclass
class Comparison:
    filters: Filters
    columns: list[Column]
    rows: list[Row]
    groups: list[ParticipantGroup]  # participant groups with people counted in some column

    @property
    def has_rounds(self) -> bool:
        return any(column.rounds for column in self.columns)

    @property
    def has_attendance(self) -> bool:
        """Whether people were counted at some column's workshops."""
        return any(column.counted or column.attendance for column in self.columns)


def local_agendas(user: Person) -> QuerySet[Agenda]:
    """The agendas compared: each neighbourhood's current ones (a new cycle's
    copies would count its issues twice)."""
    return Agenda.objects.visible_to(user).filter(scope=Agenda.Scope.LOCAL).current()


def cities_for(user: Person) -> list[City]:
    """The cities with a local agenda `user` may see: what the page can compare."""
    return list(
        City.objects.filter(pk__in=local_agendas(user).values("neighbourhood__city_id")).order_by(
            "name", "slug"
        )
    )


def all_dimensions() -> list[SecurityDimension]:
    return list(SecurityDimension.objects.order_by("order", "slug"))


def cell_text(cell: Cell, kind: str = BOTH) -> str:
    """A cell's numbers in words, e.g. “2 prioritised · 1 silenced”; empty
    when there is nothing to count."""
    if not cell.total:
        return ""
    parts = []
    if kind in (BOTH, PRIORITISED):
        parts.append(
            ngettext("%(count)d prioritised", "%(count)d prioritised", cell.prioritised)
            % {"count": cell.prioritised}
        )
    if kind in (BOTH, SILENCED):
        parts.append(
            ngettext("%(count)d silenced", "%(count)d silenced", cell.silenced)
            % {"count": cell.silenced}
        )
    return " · ".join(parts)


def compare(user: Person, filters: Filters, dimensions: list[SecurityDimension]) -> Comparison:
    """The comparison `user` may see under `filters`; `dimensions` are all the
    security dimensions, in order (the page's form already read them)."""
    agendas = local_agendas(user)
    if filters.cities:
        agendas = agendas.filter(neighbourhood__city__slug__in=filters.cities)
    # Subqueries, not lists of ids: the same queries run however many there are.
    agenda_ids = agendas.values("pk")
    neighbourhood_ids = agendas.values("neighbourhood_id")

    columns: dict[int, Column] = {}
    for agenda in agendas.select_related("neighbourhood__city").order_by(
        "neighbourhood__city__name", "neighbourhood__name", "slug"
    ):
        # A local agenda always belongs to a neighbourhood.
        neighbourhood = cast(Neighbourhood, agenda.neighbourhood)
        columns.setdefault(neighbourhood.pk, Column(neighbourhood)).agendas.append(agenda)
    agenda_to_column = {a.pk: c for c in columns.values() for a in c.agendas}

    shown = [d for d in dimensions if not filters.dimension or d.slug == filters.dimension]
    rows = {d.pk: Row(d, [Cell() for _column in columns]) for d in shown}
    position = {neighbourhood_id: i for i, neighbourhood_id in enumerate(columns)}
    for issue in _issues(user, filters, agenda_ids, shown):
        column = agenda_to_column.get(issue.agenda_id)
        row = rows.get(issue.dimension_id)
        if column is None or row is None:
            continue
        cell = row.cells[position[column.neighbourhood.pk]]
        cell.issues.append(issue)
        if issue.kind == SILENCED:
            cell.silenced += 1
            column.silenced += 1
        else:
            cell.prioritised += 1
            column.prioritised += 1
    for row in rows.values():
        for cell in row.cells:
            # Prioritised first, each kind in its agenda's order.
            cell.issues.sort(key=lambda issue: (issue.kind == SILENCED, issue.order, issue.pk))
            cell.text = cell_text(cell, filters.kind)
    for column in columns.values():
        column.totals = Cell(column.prioritised, column.silenced)
        column.totals.text = cell_text(column.totals, filters.kind)

    groups = _participants(user, filters, neighbourhood_ids, columns)
    for neighbourhood_id, voters in (
        PaperTally.objects.filter(agenda__in=agenda_ids)
        .filter(disclosure.counted_tallies())
        .filter(filters.period("workshop__date"))
        .values_list("agenda__neighbourhood_id")
        .annotate(voters=Sum("voters"))
        .order_by()
    ):
        if neighbourhood_id in columns:
            columns[neighbourhood_id].paper_voters += voters or 0
    _online_results(user, filters, agenda_ids, agenda_to_column)

    return Comparison(
        filters=filters,
        columns=list(columns.values()),
        rows=list(rows.values()),
        groups=groups,
    )


def _issues(
    user: Person, filters: Filters, agenda_ids: QuerySet[Any], dimensions: list[SecurityDimension]
) -> QuerySet[Issue]:
    issues = Issue.objects.visible_to(user).filter(agenda__in=agenda_ids)
    if filters.dimension:
        issues = issues.filter(dimension__in=[d.pk for d in dimensions])
    if filters.kind != BOTH:
        issues = issues.filter(kind=filters.kind)
    if filters.has_period:
        came_up = Issue.workshops.through.objects.filter(filters.period("workshop__date"))
        issues = issues.filter(pk__in=came_up.values("issue_id"))
    return issues.only(
        "title_es", "title_en", "kind", "visibility", "dimension_id", "agenda_id", "order"
    ).order_by("order", "pk")


def _participants(
    user: Person, filters: Filters, neighbourhood_ids: QuerySet[Any], columns: dict[int, Column]
) -> list[ParticipantGroup]:
    """Fill each column's people (workshops in the period): who took part,
    each counted once, and how many of each group were present; and, where
    nobody was counted, the groups the team spoke to. Returns the groups with
    anyone counted, in their order."""
    for neighbourhood_id, first_timers, counted in (
        Workshop.objects.filter(access.workshop_numbers_filter(user))
        .filter(neighbourhood__in=neighbourhood_ids)
        .filter(filters.period("date"))
        .values_list("neighbourhood_id")
        .annotate(first=Sum("first_timers", default=0), present=Count("people_present"))
        .order_by()
    ):
        if neighbourhood_id in columns:
            columns[neighbourhood_id].participant_total = first_timers
            columns[neighbourhood_id].counted = counted > 0
    by_group = (
        Attendance.objects.filter(access.attendance_numbers_filter(user))
        .filter(workshop__neighbourhood__in=neighbourhood_ids)
        .filter(filters.period("workshop__date"))
    )
    # Sums of the workshops' published counts only (access.disclosure, rule 5).
    for neighbourhood_id, group_id, people in (
        published_attendance(by_group)
        .values_list("workshop__neighbourhood_id", "group_id")
        .annotate(people=Sum("count"))
        .order_by()
    ):
        if neighbourhood_id in columns and people:
            columns[neighbourhood_id].attendance[group_id] = people
    groups = list(ParticipantGroup.objects.order_by("order", "slug"))
    by_id = {group.pk: group for group in groups}
    spoken_to = Neighbourhood.groups_engaged.through.objects.filter(
        neighbourhood__in=neighbourhood_ids
    ).values_list("neighbourhood_id", "participantgroup_id")
    for neighbourhood_id, group_id in spoken_to:
        column = columns.get(neighbourhood_id)
        # Undated: they say who was reached, not who came in a period.
        if column is not None and not column.counted and not filters.has_period:
            column.groups_spoken_to.append(by_id[group_id])
    counted = [g for g in groups if any(g.pk in c.attendance for c in columns.values())]
    for column in columns.values():
        column.groups_spoken_to.sort(key=lambda group: (group.order, group.slug))
        column.participants = [column.attendance.get(g.pk, 0) for g in counted]
    return counted


def _online_results(
    user: Person, filters: Filters, agenda_ids: QuerySet[Any], agenda_to_column: dict[int, Column]
) -> None:
    """The totals of the rounds whose results `user` may read (voting.view_results),
    with each round's most voted issues among those `user` may see."""
    rounds = rounds_with_results(user).filter(agenda__in=agenda_ids)
    if filters.has_period:
        rounds = rounds.filter(filters.period("opens_at__date"))
    totals = round_totals(rounds)
    voted = BallotMark.objects.filter(ballot__round__in=rounds.values("pk")).values("issue_id")
    titles = {
        issue.pk: issue
        for issue in Issue.objects.visible_to(user)
        .filter(pk__in=voted)
        .only("title_es", "title_en", "visibility", "agenda_id", "order")
    }
    for voting_round in rounds.order_by("-opens_at", "-pk"):
        column = agenda_to_column.get(voting_round.agenda_id)
        if column is None:
            continue
        total = totals.get(voting_round.pk, {"ballots": 0, "shown": False, "points": {}})
        ranked = sorted(
            ((titles[i], points) for i, points in total["points"].items() if i in titles),
            key=lambda pair: (-pair[1], pair[0].order, pair[0].pk),
        )
        column.rounds.append(
            RoundResult(
                round=voting_round,
                is_open=voting_round.is_open(),
                ballots=total["ballots"],
                top=ranked[:TOP_ISSUES],
                shown=total["shown"],
            )
        )
