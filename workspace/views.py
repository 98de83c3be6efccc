"""Workspace pages: facilitators log workshops, issues, paper tallies and
proposals; researchers read them. Who may do what is decided in
access.rules; each view asks it once the object is known.

An object the person may not even see answers 404, so its existence does
not leak; one they may see but not change answers 403. Nothing is written
before both questions are answered.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from access.fetch import require
from agendas.models import Agenda, Issue, Section
from communities.models import Neighbourhood
from proposals.models import Proposal
from publication import lifecycle
from synthesis.models import POINT_KINDS, NationalPoint
from tallies.models import PaperTally

from .common import agenda_for
from .point_form import list_name
from .selectors import dashboard as dashboard_for

# --- dashboard and neighbourhoods ------------------------------------------------


@require_safe
@login_required
def dashboard(request):
    require(request.user, "workspace.view_dashboard")
    return render(request, "workspace/dashboard.html", {"dashboard": dashboard_for(request.user)})


@require_safe
@login_required
def neighbourhood(request, pk):
    place = get_object_or_404(
        Neighbourhood.objects.with_participant_total().select_related("city"), pk=pk
    )
    require(request.user, "workspace.view_workspace", place)
    tallies = (
        PaperTally.objects.filter(workshop=OuterRef("pk"))
        .values("workshop")
        .annotate(n=Count("pk"))
        .values("n")
    )
    workshops = place.workshops.annotate(tally_count=Coalesce(Subquery(tallies), 0)).order_by(
        "-date", "-pk"
    )
    return render(
        request,
        "workspace/neighbourhood.html",
        {
            "neighbourhood": place,
            "workshops": workshops,
            "agendas": place.agendas.order_by("slug"),
            "can_edit": request.user.has_perm("workshops.add_workshop", place),
        },
    )


# --- agendas: issues and proposals -----------------------------------------------------


@require_safe
@login_required
def agenda(request, slug):
    agenda = agenda_for(request, slug, "workspace.view_workspace")
    issues = list(
        Issue.objects.filter(agenda=agenda)
        .select_related("dimension")
        .annotate(dots=Sum("tally_counts__dots", default=0))
        .order_by("order", "pk")
    )
    proposals = list(
        Proposal.objects.filter(agenda=agenda)
        .annotate(issue_count=Count("issues"))
        .order_by("order", "pk")
    )
    sections = list(Section.objects.filter(agenda=agenda).order_by("order", "pk"))
    return render(
        request,
        "workspace/agenda.html",
        {
            "agenda": agenda,
            "sections": sections,
            "point_lists": _point_lists(agenda, sections),
            "moves": lifecycle.moves_from(agenda.status),
            "steps": agenda.steps.select_related("by")[:10],
            "prioritised": [i for i in issues if i.kind == Issue.Kind.PRIORITISED],
            "silenced": [i for i in issues if i.kind == Issue.Kind.SILENCED],
            "proposals_by_actor": [
                (actor, heading, [p for p in proposals if p.actor == actor])
                for actor, heading in Proposal.HEADINGS.items()
            ],
            "can_edit": request.user.has_perm("agendas.change_agenda", agenda),
            "can_write_points": request.user.has_perm("synthesis.add_nationalpoint", agenda),
        },
    )


def _point_lists(agenda, sections):
    """The national agenda's lists of principles and requirements, each with
    its points in order."""
    lists = [section for section in sections if section.kind in POINT_KINDS]
    if agenda.scope != Agenda.Scope.NATIONAL or not lists:
        return []
    points = NationalPoint.objects.filter(section__in=lists).annotate(
        cited=Count("issues", distinct=True) + Count("proposals", distinct=True)
    )
    by_section = {section.pk: [] for section in lists}
    for point in points.order_by("order", "pk"):
        by_section[point.section_id].append(point)
    return [(section, list_name(section), by_section[section.pk]) for section in lists]


@require_POST
@login_required
def agenda_status(request, slug):
    agenda = agenda_for(request, slug, "agendas.change_agenda")
    try:
        moved = lifecycle.move(agenda, request.POST.get("to", ""), request.user)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(
            request,
            _("The agenda is now “%(status)s”.") % {"status": moved.get_status_display()},
        )
    return redirect("workspace-agenda", slug=agenda.slug)
