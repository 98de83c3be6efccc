"""What every workspace page shares: reading an object only if the person
may see it (404 otherwise, so its existence does not leak) and act on it
(403), the agenda an address names, and the history page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from agendas.models import Agenda

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def seen(user, perm, queryset, *, allowed=None, **lookup):
    """The object if it exists and `user` may see it (else 404), and, when
    `allowed` names a permission, may also act on it (else 403)."""
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(perm, obj):
        raise Http404
    if allowed:
        require(user, allowed, obj)
    return obj


def agenda_for(request, slug, perm):
    return seen(
        request.user,
        "agendas.view_agenda",
        Agenda.objects.select_related("neighbourhood__city"),
        allowed=perm,
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
