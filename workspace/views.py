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
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from access.fetch import require
from administration.selectors import setup_steps
from agendas.models import Agenda, Colophon, Issue, Section
from communities.models import Neighbourhood
from core.confirm import Question, ask, confirmed
from core.forms import render_form
from core.text import localized
from proposals.models import Proposal
from publication import cycles, lifecycle
from synthesis.models import POINT_KINDS, NationalPoint
from tallies.models import PaperTally

from .common import GET_POST, agenda_for
from .forms import ColophonForm, NextCycleForm
from .point_form import list_name
from .selectors import dashboard as dashboard_for
from .selectors import publishing as publishing_of

# --- dashboard and neighbourhoods ------------------------------------------------


@require_safe
@login_required
def dashboard(request):
    require(request.user, "workspace.view_dashboard")
    can_set_up = request.user.has_perm("administration.set_up")
    steps = setup_steps() if can_set_up else []
    return render(
        request,
        "workspace/dashboard.html",
        {
            "dashboard": dashboard_for(request.user),
            "can_set_up": can_set_up,
            # An empty install tells its administrator where to begin.
            "steps": steps,
            "setup_unfinished": any(not step.done for step in steps),
        },
    )


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


@GET_POST
@login_required
def agenda_status(request, slug):
    agenda = agenda_for(request, slug, "agendas.change_agenda")
    to_status = (request.POST if request.method == "POST" else request.GET).get("to", "")
    publishing = to_status == Agenda.Status.PUBLISHED
    if publishing and not confirmed(request) and to_status in lifecycle.NEXT[agenda.status]:
        return ask(request, _publish_question(agenda))
    if request.method != "POST":
        return redirect("workspace-agenda", slug=agenda.slug)
    try:
        moved = lifecycle.move(agenda, to_status, request.user)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(
            request,
            _("The agenda is now “%(status)s”.") % {"status": moved.get_status_display()},
        )
    return redirect("workspace-agenda", slug=agenda.slug)


@GET_POST
@login_required
def agenda_next_cycle(request, slug):
    """Say what starting the next cycle does, and do it when confirmed: a
    new draft agenda; the published one stays where it is."""
    agenda = agenda_for(request, slug, "agendas.start_next_cycle")
    if agenda.status != Agenda.Status.PUBLISHED or hasattr(agenda, "next_cycle"):
        # Said on the agenda's page, where its status and next cycle show.
        messages.error(
            request,
            _("The next cycle of this agenda has already been started.")
            if agenda.status == Agenda.Status.PUBLISHED
            else _("Only a published agenda starts a new cycle."),
        )
        return redirect("workspace-agenda", slug=agenda.slug)
    form = NextCycleForm(request.POST if request.method == "POST" else None, agenda=agenda)
    if request.method == "POST" and form.is_valid():
        try:
            new = cycles.start_next_cycle(
                agenda,
                by=request.user,
                copy_items=form.cleaned_data["copy_items"],
                title_es=form.cleaned_data["title_es"],
                title_en=form.cleaned_data["title_en"],
            )
        except ValidationError as refused:
            messages.error(request, refused.messages[0])
            return redirect("workspace-agenda", slug=agenda.slug)
        messages.success(
            request,
            _("The next cycle is started as a draft. The published agenda stays as it was."),
        )
        return redirect("workspace-agenda", slug=new.slug)
    context = {
        "agenda": agenda,
        "form": form,
        "new_slug": cycles.next_slug(agenda),
        "issue_count": agenda.issues.count(),
        "proposal_count": agenda.proposals.count(),
        "versions": list(agenda.versions.order_by("number").values_list("number", flat=True)),
    }
    return render_form(request, "workspace/next_cycle.html", context)


@GET_POST
@login_required
def agenda_colophon(request, slug):
    """The agenda's credits and licence, as its booklets print them on the
    cover, the credits page and the back cover."""
    agenda = agenda_for(request, slug, "agendas.change_agenda")
    colophon = Colophon.objects.filter(agenda=agenda).first() or Colophon(agenda=agenda)
    form = ColophonForm(request.POST if request.method == "POST" else None, instance=colophon)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The credits are saved. The next booklet prints them."))
        return redirect("workspace-agenda", slug=agenda.slug)
    return render_form(request, "workspace/colophon.html", {"agenda": agenda, "form": form})


def _publish_question(agenda):
    """Publishing freezes a citable version that is never withdrawn: the
    page says what it will hold and who will read it."""
    title = localized(agenda, "title").text
    will = publishing_of(agenda)
    agenda_url = reverse("workspace-agenda", args=[agenda.slug])
    return Question(
        heading=_("Publish “%(title)s” as version %(number)s?")
        % {"title": title, "number": will.version},
        happens=[
            _("Its text as it stands now is frozen as version %(number)s, to be cited and printed.")
            % {"number": will.version},
            _(
                "Everyone who visits the site can read it, without signing in: "
                "public issues: %(issues)s; proposals: %(proposals)s."
            )
            % {"issues": will.public_issues, "proposals": will.proposals},
            _(
                "Restricted issues stay hidden (%(restricted)s): only the agenda's "
                "team, researchers and administrators see them."
            )
            % {"restricted": will.restricted_issues},
        ],
        lasting=[
            _(
                "A published version is never changed or withdrawn: it is cited in print. "
                "Corrections go into a new draft and a later version."
            ),
            _("What visitors read, print or download from it cannot be taken back."),
        ],
        action=_("Yes, publish version %(number)s") % {"number": will.version},
        cancel_url=agenda_url,
        data=[("to", Agenda.Status.PUBLISHED)],
        crumbs=[(title, agenda_url)],
    )
