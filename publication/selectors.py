"""Reads of an agenda as people see it, shared by the web page and the
printed booklet. Everything starts from the `visible_to` querysets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils.functional import Promise

from access import disclosure
from access import rules as access
from agendas.models import Agenda, Issue, Section
from communities.models import Neighbourhood, SecurityDimension
from core.icons import ACTOR_ICONS
from proposals.models import Proposal
from voting.public import AgendaResults, agenda_results

if TYPE_CHECKING:
    from access.types import Person


@dataclass
class DimensionGroup:
    dimension: SecurityDimension | SimpleNamespace
    issues: list[Any] = field(default_factory=list)


@dataclass
class CrossCuttingIssue:
    """An issue shown in a block of its own, with every dimension it touches."""

    issue: Any
    dimensions: list[Any]  # its own dimension first, then the related ones


@dataclass
class ActorGroup:
    """The proposals addressed to one actor, under the booklets' heading."""

    actor: str
    heading: Promise
    proposals: list[Any]

    @property
    def icon(self) -> str:
        return ACTOR_ICONS[self.actor]


# The seed's booklets give an issue a block of its own when it touches this
# many security dimensions or more (Tijuana's landslides touch five).
CROSS_CUTTING_FROM = 3


def dimensions_touched(issue: Any) -> list[Any]:
    """The issue's own dimension, then each related one it does not repeat."""
    touched = [issue.dimension]
    for dimension in issue.related_dimensions.all():
        if dimension.slug not in {d.slug for d in touched}:
            touched.append(dimension)
    return touched


def is_cross_cutting(issue: Any) -> bool:
    return len(dimensions_touched(issue)) >= CROSS_CUTTING_FROM


def arrange_issues(
    issues: Iterable[Any],
) -> tuple[list[DimensionGroup], list[CrossCuttingIssue], list[Any]]:
    """(dimension groups, cross-cutting issues, silenced issues) of an agenda's
    issues in their order, each issue in exactly one of them: a prioritised
    issue touching three dimensions or more is cross-cutting, and is not also
    listed under its own dimension. Silenced issues stay together, whatever
    they touch. The live page, its published versions and the booklets all
    arrange issues here, so that they agree."""
    groups: dict[str, DimensionGroup] = {}
    cross_cutting: list[CrossCuttingIssue] = []
    silenced: list[Any] = []
    for issue in issues:
        if issue.kind == Issue.Kind.SILENCED:
            silenced.append(issue)
        elif is_cross_cutting(issue):
            cross_cutting.append(CrossCuttingIssue(issue, dimensions_touched(issue)))
        else:
            # Groups follow the order in which the agenda first names them.
            slug = issue.dimension.slug
            groups.setdefault(slug, DimensionGroup(issue.dimension)).issues.append(issue)
    return list(groups.values()), cross_cutting, silenced


def group_by_actor(proposals: Iterable[Any]) -> list[ActorGroup]:
    """The proposals under each actor that has some, in the actors' order."""
    by_actor: dict[str, list[Any]] = {actor: [] for actor in Proposal.Actor.values}
    for proposal in proposals:
        by_actor[proposal.actor].append(proposal)
    return [
        ActorGroup(actor, Proposal.HEADINGS[actor], items)
        for actor, items in by_actor.items()
        if items
    ]


@dataclass
class AgendaView:
    # The live agenda and its items, or a published version's copies of them
    # (publication.versions), which the same templates read.
    agenda: Agenda | SimpleNamespace
    audience: str  # "restricted" when the reader may see restricted items
    participants: int
    sections: dict[str, list[Any]]  # kind -> [Section]
    dimension_groups: list[DimensionGroup]  # prioritised issues by primary dimension
    silenced: list[Any]
    actor_groups: list[ActorGroup]
    paper_votes: dict[str, int]  # {"voters": people who voted on paper, "workshops": tallies}
    # The result of the agenda's votes as its readers see it (voting.public).
    vote_results: AgendaResults | None = None
    # Prioritised issues touching three dimensions or more (arrange_issues).
    cross_cutting: list[CrossCuttingIssue] = field(default_factory=list)

    @property
    def proposals_by_actor(self) -> list[tuple[Promise, list[Any]]]:
        """[(heading, [Proposal])] of each actor that has proposals."""
        return [(group.heading, group.proposals) for group in self.actor_groups]

    @property
    def has_priority_issues(self) -> bool:
        return bool(self.dimension_groups or self.cross_cutting)


def get_visible_agenda(user: Person, slug: str) -> Agenda:
    """The agenda with this slug if `user` may see it (else DoesNotExist: an
    agenda one may not see does not exist for them)."""
    return Agenda.objects.visible_to(user).select_related("neighbourhood__city").get(slug=slug)


def audience_of(user: Person, agenda: Agenda) -> str:
    return "restricted" if access.can_see_restricted(user, agenda) else "public"


def agenda_view(user: Person, agenda: Agenda, *, public_only: bool = False) -> AgendaView:
    """Everything an agenda page shows, in a fixed number of queries.
    `public_only` leaves out restricted items whoever reads (the public
    edition of a printed booklet)."""
    participants = 0
    if agenda.neighbourhood_id:
        participants = (
            Neighbourhood.objects.filter(pk=agenda.neighbourhood_id)
            .with_participant_total()
            .values_list("participant_total", flat=True)
            .get()
        )
    from synthesis.selectors import citing_points, points_of_agenda

    national = agenda.scope == Agenda.Scope.NATIONAL
    points = points_of_agenda(agenda, user, public_only=public_only) if national else {}
    sections: dict[str, list[Any]] = {}
    for section in Section.objects.filter(agenda=agenda).order_by("order", "pk"):
        section.point_list = points.get(section.pk, [])  # type: ignore[attr-defined]
        sections.setdefault(section.kind, []).append(section)

    if public_only:
        issues = Issue.objects.filter(visibility=Issue.Visibility.PUBLIC)
        proposals = Proposal.objects.all()
    else:
        issues = Issue.objects.visible_to(user)
        proposals = Proposal.objects.visible_to(user)
    issues = (
        issues.filter(agenda=agenda)
        .select_related("dimension")
        .with_dots()
        .prefetch_related(
            Prefetch("related_dimensions", queryset=SecurityDimension.objects.order_by("order")),
            citing_points(),
        )
        .order_by("order", "pk")
    )
    groups, cross_cutting, silenced = arrange_issues(issues)
    from tallies.models import PaperTally

    counted = disclosure.counted_tallies()  # as the dots above
    paper_votes = PaperTally.objects.filter(counted, agenda=agenda).aggregate(
        voters=Sum("voters", default=0), workshops=Count("pk")
    )
    return AgendaView(
        agenda=agenda,
        paper_votes=paper_votes,
        audience="public" if public_only else audience_of(user, agenda),
        participants=participants,
        sections=sections,
        dimension_groups=groups,
        cross_cutting=cross_cutting,
        silenced=silenced,
        actor_groups=group_by_actor(proposals.filter(agenda=agenda).order_by("order", "pk")),
        vote_results=agenda_results(agenda),
    )


def home_neighbourhoods(user: Person) -> QuerySet[Neighbourhood]:
    """Neighbourhoods with their participant totals and the agendas `user` may see."""
    return (
        Neighbourhood.objects.with_participant_total()
        .select_related("city")
        .prefetch_related(
            "groups_engaged",
            Prefetch(
                "agendas",
                # A new cycle's draft does not stand in for the published text.
                queryset=with_item_counts(Agenda.objects.visible_to(user).current(), user).order_by(
                    "slug"
                ),
                to_attr="visible_agendas",
            ),
        )
        .order_by("city__name", "name")
    )


def with_item_counts(agendas: QuerySet[Agenda], user: Person) -> QuerySet[Agenda]:
    """Annotate how many issues and proposals `user` can see in each agenda:
    a restricted issue is not even counted for those who may not see it."""
    return agendas.annotate(
        issue_count=Count("issues", filter=access.issue_filter(user, "issues__"), distinct=True),
        proposal_count=Count("proposals", distinct=True),
    )


def national_agendas(user: Person) -> QuerySet[Agenda]:
    return Agenda.objects.visible_to(user).filter(scope=Agenda.Scope.NATIONAL).order_by("slug")
