"""What the workspace dashboard shows, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.db.models.functions import Coalesce

from access.rules import roles_of, workspace_neighbourhood_filter
from agendas.models import Agenda
from communities.models import Neighbourhood
from proposals.models import Proposal
from workshops.models import Workshop

if TYPE_CHECKING:
    from access.types import Person

RECENT_WORKSHOPS = 10
ATTENTION_LIMIT = 20


@dataclass
class Dashboard:
    neighbourhoods: list[Neighbourhood]
    recent_workshops: Sequence[Workshop]  # each with its `participants` (people present)
    workshops_without_attendance: list[Workshop]
    proposals_without_issue: list[Proposal]
    national_agendas: list[Agenda]


def dashboard(user: Person) -> Dashboard:
    in_scope = workspace_neighbourhood_filter(user)
    neighbourhoods = list(
        Neighbourhood.objects.filter(in_scope)
        .with_participant_total()
        .select_related("city")
        .prefetch_related(Prefetch("agendas", queryset=Agenda.objects.order_by("slug")))
        .order_by("city__name", "name")
    )
    workshops = Workshop.objects.filter(workspace_neighbourhood_filter(user, "neighbourhood__"))
    recent = list(
        workshops.select_related("neighbourhood")
        .annotate(participants=Coalesce("people_present", 0))
        .order_by("-date", "-pk")[:RECENT_WORKSHOPS]
    )
    without_attendance = list(
        workshops.filter(people_present__isnull=True)
        .select_related("neighbourhood")
        .order_by("-date", "-pk")[:ATTENTION_LIMIT]
    )
    proposals_without_issue = list(
        Proposal.objects.filter(
            workspace_neighbourhood_filter(user, "agenda__neighbourhood__"),
            issues__isnull=True,
        )
        .select_related("agenda")
        .order_by("agenda__slug", "order")[:ATTENTION_LIMIT]
    )
    # The national agenda belongs to no neighbourhood: those who read every
    # agenda's work reach it from here.
    national = []
    if roles_of(user).sees_everything:
        national = list(Agenda.objects.filter(neighbourhood__isnull=True).order_by("slug"))
    return Dashboard(neighbourhoods, recent, without_attendance, proposals_without_issue, national)
