"""Residents suggest wordings during consultation; facilitators review them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from access.fetch import get_allowed_or_403, get_visible_or_404, require
from access.rules import is_resident_of
from agendas.models import Agenda, Issue
from core.forms import render_form
from items.registry import KINDS
from proposals.models import Proposal
from synthesis.models import NationalPoint

from . import revisions, selectors, suggestions
from .concurrency import EditConflict
from .diff import word_diff
from .forms import DeclineForm, SuggestionForm
from .models import SUGGESTED_ON, Comment, Suggestion, Support


def _consulted_agenda(request, slug):
    return get_visible_or_404(
        request.user,
        Agenda.objects.select_related("neighbourhood__city"),
        slug=slug,
        status=Agenda.Status.CONSULTATION,
    )


@require_safe
@login_required
def consultation(request, slug):
    """The agenda's texts, each with a way to suggest another wording; issues
    and proposals with their comments, proposals with their support."""
    agenda = _consulted_agenda(request, slug)
    team = request.user.has_perm("agendas.change_agenda", agenda)
    if not (team or is_resident_of(request.user, agenda)):
        raise PermissionDenied
    comments = Comment.objects.select_related("author", "hidden_by").order_by("created_at", "pk")
    if not team:
        comments = comments.filter(hidden_at__isnull=True)
    issues = (
        Issue.objects.visible_to(request.user)
        .filter(agenda=agenda)
        .prefetch_related(Prefetch("comments", queryset=comments))
        .order_by("kind", "order", "pk")
    )
    mine = Support.objects.filter(user=request.user, proposal=OuterRef("pk"))
    proposals = (
        Proposal.objects.filter(agenda=agenda)
        .annotate(support_count=Count("supports"), supported=Exists(mine))
        .prefetch_related(Prefetch("comments", queryset=comments))
        .order_by("actor", "order", "pk")
    )
    points = []
    if agenda.scope == Agenda.Scope.NATIONAL:
        points = NationalPoint.objects.filter(section__agenda=agenda).select_related("section")
    return render(
        request,
        "editing/consultation.html",
        {
            "agenda": agenda,
            "team": team,
            "sections": agenda.sections.order_by("order", "pk"),
            "issues": issues,
            "proposals": proposals,
            "points": points,
        },
    )


def _seen(request, kind, **lookup):
    """The section, issue or proposal, or 404 alike for missing and unseen.
    Residents' addresses name it by public id (core.public_ids): counted ids
    would tell them how many restricted issues sit between two they see."""
    if kind not in KINDS:
        raise Http404
    return get_visible_or_404(request.user, KINDS[kind].with_agenda(), **lookup)


def _target(request, kind, **lookup):
    if kind not in ("issue", "proposal"):
        raise Http404
    return _seen(request, kind, **lookup)


def _back(target, kind):
    consultation = reverse("consultation", args=[target.agenda.slug])
    return redirect(f"{consultation}#{kind}-{target.public_id}")


@require_POST
@login_required
def comment(request, kind, public_id):
    target = _target(request, kind, public_id=public_id)
    try:
        suggestions.comment(request.user, kind, target, request.POST.get("text", ""))
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("Your comment is published."))
    return _back(target, kind)


@require_POST
@login_required
def support(request, public_id):
    proposal = _target(request, "proposal", public_id=public_id)
    if suggestions.support(request.user, proposal):
        messages.success(request, _("You support this proposal."))
    else:
        messages.info(request, _("You already support this proposal."))
    return _back(proposal, "proposal")


@require_POST
@login_required
def hide_comment(request, pk):
    found = get_object_or_404(Comment.objects.select_related("issue", "proposal", "agenda"), pk=pk)
    kind = "issue" if found.issue_id else "proposal"
    target = _target(request, kind, pk=found.issue_id or found.proposal_id)
    try:
        suggestions.hide(found, request.user, request.POST.get("reason", ""))
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("The comment is hidden. It is kept, with your reason."))
    return _back(target, kind)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def suggest(request, kind, public_id):
    target = _seen(request, kind, public_id=public_id)
    if not suggestions.may_suggest(request.user, kind, target):
        raise PermissionDenied
    form = SuggestionForm(
        request.POST if request.method == "POST" else None, kind=kind, target=target
    )
    if request.method == "POST" and form.is_valid():
        try:
            suggestions.suggest(request.user, kind, target, **form.cleaned_data)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            messages.success(request, _("Thank you. The facilitators will read your suggestion."))
            return redirect("my-suggestions")
    texts = [(name, getattr(target, name) or "") for name in suggestions.fields_of(kind)]
    return render_form(
        request,
        "editing/suggest.html",
        {"form": form, "target": target, "kind": kind, "texts": texts},
    )


@require_safe
@login_required
def my_suggestions(request):
    """What came of the reader's own suggestions and comments."""
    return render(
        request,
        "editing/my_suggestions.html",
        {
            "suggestions": selectors.own_suggestions(request.user),
            "comments": selectors.own_comments(request.user),
        },
    )


# --- facilitators ---------------------------------------------------------------------


@require_safe
@login_required
def review(request, slug):
    agenda = get_allowed_or_403(request.user, "agendas.change_agenda", Agenda, slug=slug)
    waiting = list(
        agenda.suggestions.filter(status=Suggestion.Status.PENDING)
        .select_related(*SUGGESTED_ON, "author")
        .order_by("created_at", "pk")
    )
    for suggestion in waiting:
        suggestion.current = getattr(suggestion.target, suggestion.field) or ""
        suggestion.diff = word_diff(suggestion.current, suggestion.wording)
    decided = agenda.suggestions.exclude(status=Suggestion.Status.PENDING).select_related(
        "author", "decided_by"
    )[:50]
    return render(
        request,
        "editing/review.html",
        {"agenda": agenda, "waiting": waiting, "decided": decided, "decline_form": DeclineForm()},
    )


def _suggestion(request, pk):
    return get_visible_or_404(request.user, Suggestion.objects.select_related("agenda"), pk=pk)


@require_POST
@login_required
def accept(request, pk):
    suggestion = _suggestion(request, pk)
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    try:
        suggestions.accept(suggestion, request.user, revision)
    except EditConflict:
        messages.error(
            request,
            _("The text changed since you opened this page. Nothing was changed: look again."),
        )
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("Accepted: the text now has the suggested wording."))
    return redirect("suggestion-review", slug=suggestion.agenda.slug)


@require_POST
@login_required
def decline(request, pk):
    suggestion = _suggestion(request, pk)
    form = DeclineForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["reason"][0])
        suggestions.decline(suggestion, request.user, form.cleaned_data["reason"])
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("Declined. The resident will see your reason."))
    return redirect("suggestion-review", slug=suggestion.agenda.slug)


# --- revisions: compare any two, restore one -----------------------------------------


def _text(request, kind, pk, perm):
    target = _seen(request, kind, pk=pk)
    require(request.user, perm, target)
    return target


@require_safe
@login_required
def text_revisions(request, kind, pk):
    target = _text(request, kind, pk, "workspace.view_workspace")
    saved = revisions.text_states(kind, target)
    by_id = {record.history_id: record for record in saved}
    chosen = [by_id.get(_number(request.GET.get(name))) for name in ("from", "to")]
    difference = None
    if all(chosen):
        older, newer = sorted(chosen, key=lambda record: record.history_date)
        difference = revisions.compare(kind, older, newer)
    return render(
        request,
        "editing/revisions.html",
        {
            "kind": kind,
            "target": target,
            "records": saved,
            "chosen": [record.history_id if record else None for record in chosen],
            "difference": difference,
            "can_edit": request.user.has_perm(KINDS[kind].change_perm, target),
        },
    )


def _number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


@require_POST
@login_required
def text_restore(request, kind, pk):
    target = _text(request, kind, pk, KINDS[kind].change_perm if kind in KINDS else "-")
    record = target.history.filter(history_id=_number(request.POST.get("record"))).first()
    if record is None:
        messages.error(request, _("Choose one of the saved texts."))
    else:
        try:
            revisions.restore(kind, target, record, _number(request.POST.get("revision")))
        except EditConflict:
            messages.error(
                request,
                _("The text changed since you opened this page. Nothing was changed: look again."),
            )
        else:
            messages.success(request, _("The earlier text is back, as a new revision."))
    return redirect("text-revisions", kind=kind, pk=target.pk)
