"""What the workspace dashboard shows, in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Prefetch, Q
from django.db.models.functions import Coalesce

from access.rules import roles_of, workspace_neighbourhood_filter
from agendas.models import Agenda, AgendaVersion, Issue
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
    # The proposals above that the person may change: the others are linked
    # to where they are read, not to an edit page that would refuse them.
    editable_proposals: set[int]


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
    editable = {
        proposal.pk
        for proposal in proposals_without_issue
        if user is not None and user.has_perm("proposals.change_proposal", proposal)
    }
    return Dashboard(
        neighbourhoods, recent, without_attendance, proposals_without_issue, national, editable
    )


@dataclass
class Publishing:
    """What publishing an agenda now would freeze and show."""

    version: int  # the number the new version would take
    public_issues: int
    restricted_issues: int
    proposals: int


def publishing(agenda: Agenda) -> Publishing:
    issues = Issue.objects.filter(agenda=agenda).aggregate(
        public=Count("pk", filter=Q(visibility=Issue.Visibility.PUBLIC)),
        restricted=Count("pk", filter=Q(visibility=Issue.Visibility.RESTRICTED)),
    )
    last = AgendaVersion.objects.filter(agenda=agenda).aggregate(n=Max("number"))["n"] or 0
    return Publishing(
        version=last + 1,
        public_issues=issues["public"],
        restricted_issues=issues["restricted"],
        proposals=Proposal.objects.filter(agenda=agenda).count(),
    )
