"""Workspace pages: facilitators log workshops, issues, paper tallies and
proposals; researchers read them. Who may do what is decided in
access.rules; each view asks it once the object is known.

An object the person may not even see answers 404, so its existence does
not leak; one they may see but not change answers 403. Nothing is written
before both questions are answered.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agendas.models import CONFIRMED_PUBLIC, Agenda, Issue, Section
from agendas.ordering import move, next_place
from communities.models import Neighbourhood, ParticipantGroup
from core.forms import render_form
from core.text import localized
from editing.concurrency import EditConflict, conflicts, save_if_current
from history.selectors import Tracked, history_of
from items.registry import KINDS
from proposals.models import Proposal
from publication import lifecycle
from tallies.models import PaperTally, TallyCount
from tallies.services import save_tally, tally_for
from workshops.models import Attendance, Workshop
from workshops.services import save_workshop

from . import forms
from .selectors import dashboard as dashboard_for

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _seen(user, perm, queryset, *, allowed=None, **lookup):
    """The object if it exists and `user` may see it (else 404), and, when
    `allowed` names a permission, may also act on it (else 403)."""
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(perm, obj):
        raise Http404
    if allowed:
        _require(user, allowed, obj)
    return obj


# --- dashboard and neighbourhoods ------------------------------------------------


@require_safe
@login_required
def dashboard(request):
    _require(request.user, "workspace.view_dashboard")
    return render(request, "workspace/dashboard.html", {"dashboard": dashboard_for(request.user)})


@require_safe
@login_required
def neighbourhood(request, pk):
    place = get_object_or_404(
        Neighbourhood.objects.with_participant_total().select_related("city"), pk=pk
    )
    _require(request.user, "workspace.view_workspace", place)
    # The tallies are counted in a subquery: joined beside the attendance,
    # they would multiply its sum.
    tallies = (
        PaperTally.objects.filter(workshop=OuterRef("pk"))
        .values("workshop")
        .annotate(n=Count("pk"))
        .values("n")
    )
    workshops = place.workshops.annotate(
        participants=Sum("attendance__count", default=0),
        tally_count=Coalesce(Subquery(tallies), 0),
    ).order_by("-date", "-pk")
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


# --- workshops -------------------------------------------------------------------


def _workshop_form_page(request, workshop, place):
    form = forms.WorkshopForm(
        request.POST if request.method == "POST" else None, instance=workshop, neighbourhood=place
    )
    attendance = forms.attendance_formset(
        workshop, request.POST if request.method == "POST" else None
    )
    if request.method == "POST":
        form_ok, attendance_ok = form.is_valid(), attendance.is_valid()
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
    _require(request.user, "workshops.add_workshop", place)
    return _workshop_form_page(request, Workshop(neighbourhood=place), place)


def _workshop(request, pk, perm):
    return _seen(
        request.user,
        "workshops.view_workshop",
        Workshop.objects.select_related("neighbourhood__city"),
        allowed=perm,
        pk=pk,
    )


@require_safe
@login_required
def workshop_detail(request, pk):
    workshop = _workshop(request, pk, "workspace.view_workspace")
    tallies = {t.agenda_id: t for t in workshop.tallies.annotate(dots=Sum("counts__dots"))}
    agendas = list(workshop.neighbourhood.agendas.order_by("slug"))
    for agenda in agendas:
        agenda.tally = tallies.get(agenda.pk)
    return render(
        request,
        "workspace/workshop_detail.html",
        {
            "workshop": workshop,
            "attendance": workshop.attendance.select_related("group").order_by("group__order"),
            "participants": sum(row.count for row in workshop.attendance.all()),
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
    if request.method == "POST":
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

    def attendance_subject(record, names):
        return _("Attendance: %(group)s") % {"group": names.get(ParticipantGroup, record.group_id)}

    changes = history_of(
        Tracked(Workshop.history.filter(id=workshop.pk), lambda r, n: _("Workshop")),
        Tracked(Attendance.history.filter(workshop_id=workshop.pk), attendance_subject),
    )
    return _history_page(request, localized(workshop, "title").text, changes, workshop)


# --- paper tallies -----------------------------------------------------------------


def _tally_target(request, pk, slug, perm):
    workshop = _workshop(request, pk, perm)
    agenda = get_object_or_404(Agenda, slug=slug, neighbourhood_id=workshop.neighbourhood_id)
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

    def count_subject(record, names):
        return _("Dots: %(issue)s") % {"issue": names.get(Issue, record.issue_id)}

    changes = history_of(
        Tracked(PaperTally.history.filter(id__in=tally_ids), lambda r, n: _("Paper tally")),
        Tracked(TallyCount.history.filter(tally_id__in=tally_ids), count_subject),
    )
    title = _("Paper tally of %(workshop)s") % {"workshop": localized(workshop, "title").text}
    return _history_page(request, title, changes, workshop)


# --- agendas: issues and proposals -----------------------------------------------------


def _agenda(request, slug, perm):
    return _seen(
        request.user,
        "agendas.view_agenda",
        Agenda.objects.select_related("neighbourhood__city"),
        allowed=perm,
        slug=slug,
    )


@require_safe
@login_required
def agenda(request, slug):
    agenda = _agenda(request, slug, "workspace.view_workspace")
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
    return render(
        request,
        "workspace/agenda.html",
        {
            "agenda": agenda,
            "sections": Section.objects.filter(agenda=agenda).order_by("order", "pk"),
            "moves": lifecycle.moves_from(agenda.status),
            "steps": agenda.steps.select_related("by")[:10],
            "prioritised": [i for i in issues if i.kind == Issue.Kind.PRIORITISED],
            "silenced": [i for i in issues if i.kind == Issue.Kind.SILENCED],
            "proposals_by_actor": [
                (actor, heading, [p for p in proposals if p.actor == actor])
                for actor, heading in Proposal.HEADINGS.items()
            ],
            "can_edit": request.user.has_perm("agendas.change_agenda", agenda),
        },
    )


@require_POST
@login_required
def agenda_status(request, slug):
    agenda = _agenda(request, slug, "agendas.change_agenda")
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


def _agenda_url(agenda, anchor):
    return f"{reverse('workspace-agenda', args=[agenda.slug])}#{anchor}"


# --- agenda items of every kind (items.registry) ----------------------------------------


def _item_form_page(request, kind, form, agenda, anchor):
    labels = kind.labels
    heading = labels["edit"] if form.instance.pk else labels["new"]
    context = {"form": form, "agenda": agenda, "heading": heading}
    if request.method == "POST" and form.is_valid():
        becomes_public = getattr(form.instance, "would_become_public", None)
        if becomes_public and becomes_public():
            if request.POST.get("confirm_public") != "yes":
                return _confirm_public_page(request, form.instance, agenda)
            form.instance._change_reason = CONFIRMED_PUBLIC
        if form.instance.pk is None:
            with transaction.atomic():
                form.instance.order = next_place(kind.siblings(form.instance))
                form.save()
        else:
            try:
                save_if_current(form)
            except EditConflict as conflict:
                return _conflict_page(request, kind, form, conflict, context)
        messages.success(request, labels["saved"])
        return redirect(_agenda_url(agenda, anchor))
    return render_form(request, "workspace/item_form.html", context)


def _confirm_public_page(request, issue, agenda):
    """Ask before an issue becomes public on an agenda that visitors or
    residents read. The page carries the form's data back, so confirming
    saves exactly what was typed; nothing is saved until then."""
    data = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "confirm_public")
        for value in values
    ]
    context = {
        "issue": issue,
        "title": localized(issue, "title").text,
        "agenda": agenda,
        "data": data,
        "readers": (
            _("everyone who visits the site")
            if agenda.status == Agenda.Status.PUBLISHED
            else _("the neighbourhood's residents taking part in the consultation")
        ),
    }
    return render(request, "workspace/confirm_public.html", context)


def _conflict_page(request, kind, form, conflict, context):
    """Someone saved this text after the person opened it: show both texts
    and the difference, and let them save theirs knowingly (the form now
    carries the new revision) or leave it."""
    data = request.POST.copy()
    data["revision"] = conflict.current.revision
    latest = conflict.current.history.select_related("history_user").first()
    context = {
        **context,
        "form": type(form)(data, instance=conflict.current, **_form_kwargs(kind, conflict.current)),
        "conflicts": conflicts(form, conflict.current),
        "saved_by": latest.history_user if latest else None,
    }
    return render(request, "workspace/item_form.html", context, status=409)


def _form_kwargs(kind, item):
    """What a workspace form is built with besides its data and instance."""
    return {"agenda": item.agenda} if kind.form_takes_agenda else {}


def _initial(request, kind):
    """Preselect the list (kind of issue, actor of a proposal) a facilitator
    chose on the agenda page."""
    if kind.model is Issue and request.GET.get("kind") == Issue.Kind.SILENCED:
        # A silenced issue is too dangerous to discuss openly: it starts
        # restricted, and is made public only on purpose.
        return {"kind": Issue.Kind.SILENCED, "visibility": Issue.Visibility.RESTRICTED}
    for name in kind.ordered_within:
        choices = dict(kind.model._meta.get_field(name).choices)
        if request.GET.get(name) in choices:
            return {name: request.GET[name]}
    return {"kind": Issue.Kind.PRIORITISED} if kind.model is Issue else {}


def _item(request, kind, pk, perm):
    return _seen(
        request.user,
        kind.view_perm,
        kind.model.objects.select_related("agenda__neighbourhood"),
        allowed=perm,
        pk=pk,
    )


@GET_POST
@login_required
def item_create(request, slug, kind):
    kind = KINDS[kind]
    agenda = _agenda(request, slug, kind.add_perm)
    form = kind.form_class()(
        request.POST if request.method == "POST" else None,
        agenda=agenda,
        initial=_initial(request, kind),
    )
    return _item_form_page(request, kind, form, agenda, kind.list_anchor)


@GET_POST
@login_required
def item_edit(request, pk, kind):
    kind = KINDS[kind]
    item = _item(request, kind, pk, kind.change_perm)
    form = kind.form_class()(
        request.POST if request.method == "POST" else None,
        instance=item,
        **_form_kwargs(kind, item),
    )
    return _item_form_page(request, kind, form, item.agenda, kind.anchor(item))


@GET_POST
@login_required
def item_delete(request, pk, kind):
    kind = KINDS[kind]
    item = _item(request, kind, pk, kind.delete_perm)
    return _delete_page(
        request, kind, item, kind.deleting, _agenda_url(item.agenda, kind.list_anchor)
    )


@require_POST
@login_required
def item_move(request, pk, kind):
    kind = KINDS[kind]
    item = _item(request, kind, pk, kind.change_perm)
    return _move(request, kind, item, kind.anchor(item))


@require_safe
@login_required
def item_history(request, pk, kind):
    kind = KINDS[kind]
    item = _item(request, kind, pk, "workspace.view_workspace")
    changes = history_of(
        Tracked(kind.model.history.filter(id=item.pk), lambda r, n: str(kind.labels["history"]))
    )
    title = localized(item, kind.title_field).text
    if kind.history_title_length:
        title = title[: kind.history_title_length]
    if not title and hasattr(item, "get_kind_display"):  # a section with no heading
        title = item.get_kind_display()
    return _history_page(request, title, changes, item.agenda)


# --- shared pages ---------------------------------------------------------------------


def _move(request, kind, item, anchor):
    step = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    if step is None:
        messages.error(request, _("Choose to move it up or down."))
    elif not move(item, kind.siblings(item), step):
        messages.info(request, _("It is already at that end of the list."))
    return redirect(_agenda_url(item.agenda, anchor))


def _delete_page(request, kind, item, consequences, done_url):
    if request.method == "POST":
        item.delete()
        messages.success(request, _("Deleted. Its history is kept."))
        return redirect(done_url)
    return render(
        request,
        "workspace/confirm_delete.html",
        {
            "title": localized(item, kind.title_field).text[:120],
            "consequences": consequences,
            "cancel_url": done_url,
        },
    )


def _history_page(request, title, changes, back_to):
    if isinstance(back_to, Agenda):
        back_url = reverse("workspace-agenda", args=[back_to.slug])
    else:
        back_url = reverse("workspace-workshop", args=[back_to.pk])
    return render(
        request,
        "workspace/history.html",
        {"title": title, "changes": changes, "back_url": back_url},
    )
