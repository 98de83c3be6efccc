"""Workshops (who came, from which groups) and their paper tallies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from access.fetch import get_allowed_or_403, get_visible_or_404, require
from agendas.models import Agenda, Issue
from communities.models import Neighbourhood, ParticipantGroup
from core.confirm import confirmed
from core.forms import render_form
from core.text import localized
from history.selectors import Lines, Tracked, history_of
from tallies.models import PaperTally, TallyCount
from tallies.services import save_tally, tally_for
from workshops.models import Attendance, Workshop
from workshops.services import save_workshop

from . import workshop_forms as forms
from .common import GET_POST, history_page

# --- workshops -------------------------------------------------------------------


def _workshop_form_page(request, workshop, place):
    form = forms.WorkshopForm(
        request.POST if request.method == "POST" else None,
        instance=workshop,
        neighbourhood=place,
        filled_by=request.user,
    )
    attendance = forms.attendance_formset(
        workshop, request.POST if request.method == "POST" else None
    )
    if request.method == "POST":
        form_ok, attendance_ok = form.is_valid(), attendance.is_valid()
        # Checked even when the rest of the form is refused, so that every
        # mistake shows at once.
        if attendance_ok and "people_present" not in form.errors:
            attendance_ok = attendance.check_against(form.cleaned_data.get("people_present"))
        if form_ok and attendance_ok:
            saved = save_workshop(form, attendance.counts())
            messages.success(request, _("The workshop is saved."))
            return redirect("workspace-workshop", pk=saved.pk)
    return render_form(
        request,
        "workspace/workshop_form.html",
        {"form": form, "attendance": attendance, "workshop": workshop, "neighbourhood": place},
    )


@GET_POST
@login_required
def workshop_create(request, pk):
    place = get_object_or_404(Neighbourhood.objects.select_related("city"), pk=pk)
    require(request.user, "workshops.add_workshop", place)
    return _workshop_form_page(request, Workshop(neighbourhood=place), place)


def _workshop(request, pk, perm):
    return get_allowed_or_403(
        request.user, perm, Workshop.objects.select_related("neighbourhood__city"), pk=pk
    )


@require_safe
@login_required
def workshop_detail(request, pk):
    workshop = _workshop(request, pk, "workspace.view_workspace")
    tallies = {t.agenda_id: t for t in workshop.tallies.annotate(dots=Sum("counts__dots"))}
    agendas = list(workshop.neighbourhood.agendas.order_by("slug"))
    for agenda in agendas:
        agenda.tally = tallies.get(agenda.pk)
        agenda.can_add_issue = request.user.has_perm("agendas.add_issue", agenda)
    return render(
        request,
        "workspace/workshop_detail.html",
        {
            "workshop": workshop,
            "attendance": workshop.attendance.select_related("group").order_by("group__order"),
            "facilitators": workshop.facilitators.order_by("username"),
            "issues": workshop.issues.select_related("agenda").order_by("agenda__slug", "order"),
            "agendas": agendas,
            "can_edit": request.user.has_perm("workshops.change_workshop", workshop),
        },
    )


@GET_POST
@login_required
def workshop_edit(request, pk):
    workshop = _workshop(request, pk, "workshops.change_workshop")
    return _workshop_form_page(request, workshop, workshop.neighbourhood)


@GET_POST
@login_required
def workshop_delete(request, pk):
    workshop = _workshop(request, pk, "workshops.delete_workshop")
    if confirmed(request):
        place = workshop.neighbourhood_id
        workshop.delete()
        messages.success(request, _("The workshop is deleted. Its history is kept."))
        return redirect("workspace-neighbourhood", pk=place)
    return render(
        request,
        "workspace/confirm_delete.html",
        {
            "title": localized(workshop, "title").text,
            "consequences": [
                _("Its attendance counts and paper tallies are deleted with it."),
                _("Issues that came up in it stay on their agenda."),
            ],
            "cancel_url": reverse("workspace-workshop", args=[workshop.pk]),
        },
    )


@require_safe
@login_required
def workshop_history(request, pk):
    workshop = _workshop(request, pk, "workspace.view_workspace")

    def attendance_of(record, names):
        return {"group": names.get(ParticipantGroup, record.group_id)}

    changes = history_of(
        Tracked(
            Workshop.history.filter(id=workshop.pk),
            Lines(_("Workshop created"), _("Workshop changed"), _("Workshop deleted")),
        ),
        Tracked(
            Attendance.history.filter(workshop_id=workshop.pk),
            Lines(
                _("Attendance: %(group)s created"),
                _("Attendance: %(group)s changed"),
                _("Attendance: %(group)s deleted"),
            ),
            attendance_of,
        ),
    )
    return history_page(request, localized(workshop, "title").text, changes, workshop)


# --- paper tallies -----------------------------------------------------------------


def _tally_target(request, pk, slug, perm):
    workshop = _workshop(request, pk, perm)
    agenda = get_visible_or_404(
        request.user, Agenda, slug=slug, neighbourhood_id=workshop.neighbourhood_id
    )
    return workshop, agenda


@GET_POST
@login_required
def tally_edit(request, pk, slug):
    workshop, agenda = _tally_target(request, pk, slug, "tallies.change_papertally")
    issues = Issue.objects.filter(agenda=agenda).order_by("kind", "order", "pk")
    tally = tally_for(workshop, agenda)
    form = forms.TallyForm(
        request.POST if request.method == "POST" else None,
        instance=tally,
        workshop=workshop,
        agenda=agenda,
        issues=issues,
    )
    if request.method == "POST" and form.is_valid():
        save_tally(form)
        messages.success(request, _("The paper tally is saved."))
        return redirect("workspace-workshop", pk=workshop.pk)
    return render_form(
        request,
        "workspace/tally_form.html",
        {"form": form, "workshop": workshop, "agenda": agenda, "attended": form.attended()},
    )


@require_safe
@login_required
def tally_history(request, pk, slug):
    workshop, agenda = _tally_target(request, pk, slug, "workspace.view_workspace")
    tally_ids = list(
        PaperTally.history.filter(workshop_id=workshop.pk, agenda_id=agenda.pk)
        .values_list("id", flat=True)
        .distinct()
    )

    def issue_of(record, names):
        return {"issue": names.get(Issue, record.issue_id)}

    changes = history_of(
        Tracked(
            PaperTally.history.filter(id__in=tally_ids),
            Lines(_("Paper tally created"), _("Paper tally changed"), _("Paper tally deleted")),
        ),
        Tracked(
            TallyCount.history.filter(tally_id__in=tally_ids),
            Lines(
                _("Dots: %(issue)s created"),
                _("Dots: %(issue)s changed"),
                _("Dots: %(issue)s deleted"),
            ),
            issue_of,
        ),
    )
    title = _("Paper tally of %(workshop)s") % {"workshop": localized(workshop, "title").text}
    return history_page(request, title, changes, workshop)
