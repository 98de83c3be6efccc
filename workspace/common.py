"""What every workspace page shares: the agenda an address names (read as
every object is, through access.fetch: 404 when the person may not see it,
403 when they may not act on it), and the history page."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from access.fetch import get_allowed_or_403
from agendas.models import Agenda

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def agenda_for(request, slug, perm):
    return get_allowed_or_403(
        request.user,
        perm,
        # Its cycles are named on its pages: read in the same query.
        Agenda.objects.select_related("neighbourhood__city", "previous", "next_cycle"),
        slug=slug,
    )


def agenda_url(agenda, anchor):
    return f"{reverse('workspace-agenda', args=[agenda.slug])}#{anchor}"


def history_page(request, title, changes, back_to):
    if isinstance(back_to, Agenda):
        back_url = reverse("workspace-agenda", args=[back_to.slug])
    else:
        back_url = reverse("workspace-workshop", args=[back_to.pk])
    return render(
        request,
        "workspace/history.html",
        {"title": title, "changes": changes, "back_url": back_url},
    )
