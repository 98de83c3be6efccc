"""Reads of the national synthesis as a person may see it: a point shows
only the local evidence its reader may see, and a local issue names the
national points that cite it once the national agenda is published."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from access import rules as access
from agendas.models import Issue
from proposals.models import Proposal

from .models import NationalPoint

if TYPE_CHECKING:
    from access.types import Person
    from agendas.models import Agenda


def reader_of(user: Person, agenda: Agenda, public_only: bool = False) -> Person:
    """Whose eyes the citations are read with.

    A national page is cached by audience (restricted or public), so what it
    cites must depend on the audience alone: those who see the national
    agenda's restricted items (admins and researchers) read every citation,
    everyone else reads what a visitor may, so a facilitator's or a
    resident's wider view never lands in a page served to others. The public
    edition of a booklet is written for anyone, whoever prints it."""
    if not public_only and access.can_see_restricted(user, agenda):
        return user
    return None


def evidence(reader: Person) -> dict[type[Issue | Proposal], QuerySet[Any]]:
    """The issues and proposals `reader` may see as cited evidence, with their
    place, in the order a point lists them (by city, then agenda)."""
    order = ("agenda__neighbourhood__city__name", "agenda__slug", "order", "pk")
    return {
        model: model.objects.visible_to(reader)
        .select_related("agenda__neighbourhood__city")
        .order_by(*order)
        for model in (Issue, Proposal)
    }


def points_of_agenda(
    agenda: Agenda, user: Person, *, public_only: bool = False
) -> dict[int, list[NationalPoint]]:
    """{section id: [points]} for the agenda's principles and requirements,
    each point with `.cited_issues` and `.cited_proposals` the reader may see
    (three queries, whatever the number of points and citations)."""
    cited = evidence(reader_of(user, agenda, public_only))
    points = (
        NationalPoint.objects.filter(section__agenda=agenda)
        .select_related("section")
        .prefetch_related(
            Prefetch("issues", queryset=cited[Issue], to_attr="cited_issues"),
            Prefetch("proposals", queryset=cited[Proposal], to_attr="cited_proposals"),
        )
        .order_by("order", "pk")
    )
    by_section: dict[int, list[NationalPoint]] = {}
    for point in points:
        by_section.setdefault(point.section_id, []).append(point)
    return by_section


def citing_points() -> Prefetch:
    """A Prefetch for issues: `issue.cited_by`, the points of published
    national agendas that cite it. A draft national text is named on no
    local page, whoever reads it (local pages are cached by audience, and a
    facilitator and a researcher share one)."""
    return Prefetch(
        "national_points",
        queryset=NationalPoint.objects.filter(access.agenda_filter(None, "section__agenda__"))
        .select_related("section__agenda")
        .order_by("section__order", "order", "pk"),
        to_attr="cited_by",
    )
