"""Reads of an agenda as people see it, shared by the web page and the
printed booklet. Everything starts from the `visible_to` querysets."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils.functional import Promise

from access import disclosure
from access import rules as access
from agendas.models import Agenda, Issue, Section
from communities.models import Neighbourhood, SecurityDimension
from proposals.models import Proposal
from voting.public import AgendaResults, agenda_results

if TYPE_CHECKING:
    from access.types import Person


@dataclass
class DimensionGroup:
    dimension: SecurityDimension | SimpleNamespace
    issues: list[Any] = field(default_factory=list)


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
    proposals_by_actor: list[tuple[Promise, list[Any]]]  # [(heading, [Proposal])]
    paper_votes: dict[str, int]  # {"voters": people who voted on paper, "workshops": tallies}
    # The result of the agenda's votes as its readers see it (voting.public).
    vote_results: AgendaResults | None = None


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
    groups: dict[int, DimensionGroup] = {}
    silenced: list[Issue] = []
    for issue in issues:
        if issue.kind == Issue.Kind.SILENCED:
            silenced.append(issue)
        else:
            # Groups follow the order in which the agenda first names them.
            groups.setdefault(issue.dimension_id, DimensionGroup(issue.dimension)).issues.append(
                issue
            )

    by_actor: dict[str, list[Proposal]] = {actor: [] for actor in Proposal.Actor.values}
    for proposal in proposals.filter(agenda=agenda).order_by("order", "pk"):
        by_actor[proposal.actor].append(proposal)
    by_heading = [(Proposal.HEADINGS[actor], items) for actor, items in by_actor.items() if items]
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
        dimension_groups=list(groups.values()),
        silenced=silenced,
        proposals_by_actor=by_heading,
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
