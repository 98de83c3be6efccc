"""The pages of agenda items of every kind — create, edit, delete, move,
history — the same views for sections, issues and proposals, read from the
registry of item kinds (items.registry)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from access.fetch import get_allowed_or_403
from agendas.models import Agenda, Issue
from agendas.ordering import move, next_place
from core.confirm import FIELD, Question, ask, confirmed
from core.forms import render_form
from core.text import localized
from editing.concurrency import EditConflict, conflicts, save_if_current
from history import reasons
from history.selectors import Lines, Tracked, history_of
from items.registry import KINDS

from .common import GET_POST, agenda_for, agenda_url, history_page

# --- agenda items of every kind (items.registry) ----------------------------------------


def _item_form_page(request, kind, form, agenda):
    labels = kind.labels
    heading = labels["edit"] if form.instance.pk else labels["new"]
    context = {"form": form, "agenda": agenda, "heading": heading}
    if request.method == "POST" and form.is_valid():
        change = _visibility_change(form.instance)
        if change == Issue.Visibility.PUBLIC:
            if request.POST.get("confirm_public") != "yes":
                return _confirm_public_page(request, form.instance, agenda)
            form.instance._change_reason = reasons.confirmed_public()
        elif change == Issue.Visibility.RESTRICTED and not confirmed(request):
            return _confirm_restricted_page(request, form.instance, agenda)
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
        # Back to the item itself, new or edited, where the page opens.
        return redirect(agenda_url(agenda, kind.anchor(form.instance)))
    return render_form(request, "workspace/item_form.html", context)


def _visibility_change(item):
    """The visibility an issue would take on by this save, when it changes
    who may read it: "public" for a new issue that visitors or residents
    would read at once, or an issue made public; "restricted" for one made
    restricted; "" otherwise (other kinds, a new restricted issue)."""
    if not isinstance(item, Issue):
        return ""
    if item.pk is None:
        return Issue.Visibility.PUBLIC if item.would_become_public() else ""
    before = Issue.objects.filter(pk=item.pk).values_list("visibility", flat=True).first()
    return item.visibility if before != item.visibility else ""


def _carried(request, *answers):
    """The form's data as posted, to send back with the answer: confirming
    saves exactly what was typed; nothing is saved until then."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", *answers)
        for value in values
    ]


def _confirm_public_page(request, issue, agenda):
    """Ask before an issue becomes public: at once, on an agenda that
    visitors or residents read, or as soon as the agenda is opened to them."""
    readers = {
        Agenda.Status.PUBLISHED: _("everyone who visits the site"),
        Agenda.Status.CONSULTATION: _(
            "the neighbourhood's residents taking part in the consultation"
        ),
    }
    context = {
        "issue": issue,
        "title": localized(issue, "title").text,
        "agenda": agenda,
        "data": _carried(request, "confirm_public"),
        "readers": readers.get(agenda.status, ""),
    }
    return render(request, "workspace/confirm_public.html", context)


def _confirm_restricted_page(request, issue, agenda):
    """Ask before a public issue is restricted: it disappears for residents
    and visitors, but what they already read stays read."""
    title = localized(issue, "title").text
    agenda_url = reverse("workspace-agenda", args=[agenda.slug])
    return ask(
        request,
        Question(
            heading=_("Restrict “%(title)s”?") % {"title": title},
            happens=[
                _(
                    "From now on only the agenda's facilitators, researchers and "
                    "administrators see it: it leaves the agenda's pages and published "
                    "versions, the ballots of open votes, booklets, open data and the API."
                ),
                _("Its text and history are kept, and it can be made public again later."),
            ],
            lasting=[
                _(
                    "What people read, printed or downloaded while it was public cannot "
                    "be taken back."
                )
            ],
            action=_("Yes, restrict it"),
            cancel_url=agenda_url,
            data=_carried(request, FIELD),
            crumbs=[(localized(agenda, "title").text, agenda_url)],
        ),
    )


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
    chose on the agenda page, and for an issue the workshop it came up in,
    when added from the workshop's page."""
    initial = _initial_list(request, kind)
    workshop = request.GET.get("workshop", "")
    if kind.model is Issue and workshop.isdigit():
        # Only the agenda's neighbourhood's workshops are among the choices:
        # another number ticks nothing.
        initial["workshops"] = [workshop]
    return initial


def _initial_list(request, kind):
    if kind.model is Issue and request.GET.get("kind") == Issue.Kind.SILENCED:
        # A silenced issue is too dangerous to discuss openly: it starts
        # restricted, and is made public only on purpose.
        return {"kind": Issue.Kind.SILENCED, "visibility": Issue.Visibility.RESTRICTED}
    for name in kind.ordered_within:
        field, chosen = kind.model._meta.get_field(name), request.GET.get(name, "")
        if chosen in dict(field.choices or ()) or (field.is_relation and chosen.isdigit()):
            # A list that is not the agenda's is not among the form's choices.
            return {name: chosen}
    return {"kind": Issue.Kind.PRIORITISED} if kind.model is Issue else {}


def _item(request, kind, pk, perm):
    return get_allowed_or_403(request.user, perm, kind.with_agenda("neighbourhood"), pk=pk)


@GET_POST
@login_required
def item_create(request, slug, kind):
    kind = KINDS[kind]
    agenda = agenda_for(request, slug, kind.add_perm)
    if not kind.belongs_on(agenda):
        raise Http404
    form = kind.form_class()(
        request.POST if request.method == "POST" else None,
        agenda=agenda,
        initial=_initial(request, kind),
    )
    return _item_form_page(request, kind, form, agenda)


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
    return _item_form_page(request, kind, form, item.agenda)


@GET_POST
@login_required
def item_delete(request, pk, kind):
    kind = KINDS[kind]
    item = _item(request, kind, pk, kind.delete_perm)
    return _delete_page(
        request,
        kind,
        item,
        kind.consequences_of_deleting(item),
        agenda_url(item.agenda, kind.list_anchor),
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
        Tracked(
            kind.model.history.filter(id=item.pk),
            Lines(kind.labels["created"], kind.labels["changed"], kind.labels["deleted"]),
        )
    )
    title = localized(item, kind.title_field).text
    if kind.history_title_length:
        title = title[: kind.history_title_length]
    if not title and hasattr(item, "get_kind_display"):  # a section with no heading
        title = item.get_kind_display()
    return history_page(request, title, changes, item.agenda)


def _move(request, kind, item, anchor):
    step = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    if step is None:
        messages.error(request, _("Choose to move it up or down."))
    elif not move(item, kind.siblings(item), step):
        messages.info(request, _("It is already at that end of the list."))
    return redirect(agenda_url(item.agenda, anchor))


def _delete_page(request, kind, item, consequences, done_url):
    if confirmed(request):
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
