"""An agenda's public pages: the current text, cached whole for visitors,
and each published version at its permanent address."""

from math import ceil
from typing import cast

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agendas.cache import GENERATION_KEY, generation
from agendas.models import Agenda, AgendaVersion
from core.text import reader_language
from voting.selectors import next_closing

from .facts import version_citation
from .selectors import agenda_view, audience_of, get_visible_agenda
from .versions import view_of

AGENDA_CACHE_SECONDS = 3600


@require_safe
def agenda_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if len(slug) > cast(int, Agenda._meta.get_field("slug").max_length):
        raise Http404(_("There is no agenda at this address."))
    # A visitor's page is the same for every visitor: answered from the
    # cache alone when it is there. Pages are keyed on the content
    # generation (agendas.cache), so any edit retires them at once.
    language = reader_language()
    whole_page_key = None
    if (
        not request.user.is_authenticated
        and not request.META.get("QUERY_STRING")
        and not len(get_messages(request))
    ):
        # One cache round trip: the page is stored with the generation it
        # was built in, and served only if that is still the current one.
        whole_page_key = f"agenda-page:{slug}:{language}"
        found = cache.get_many([GENERATION_KEY, whole_page_key])
        built_in, page = found.get(whole_page_key, (None, None))
        if page is not None and built_in == found.get(GENERATION_KEY):
            return HttpResponse(page)

    try:
        agenda = get_visible_agenda(request.user, slug)
    except Agenda.DoesNotExist:
        # Work on a new draft hides the agenda; its last published version
        # still stands, at its permanent address.
        latest = AgendaVersion.objects.filter(agenda__slug=slug).order_by("-number").first()
        if latest is None:
            raise Http404(_("There is no agenda at this address.")) from None
        return redirect(latest.get_absolute_url())
    # The agenda's text depends only on its content, the language and
    # whether restricted items are shown, so it is cached on exactly that.
    audience = audience_of(request.user, agenda)
    current = generation()
    body_key = f"agenda-body:{current}:{agenda.pk}:{language}:{audience}"
    body = cache.get(body_key)
    timeout = None
    if body is None:
        body = render_to_string(
            "agendas/_agenda_body.html", {"view": agenda_view(request.user, agenda)}
        )
        timeout = _good_for(agenda)
        cache.set(body_key, body, timeout)
    versions = list(agenda.versions.order_by("number").values_list("number", flat=True))
    response = render(
        request,
        "agendas/agenda_detail.html",
        {"agenda": agenda, "body": body, "versions": versions},
    )
    if whole_page_key and audience == "public":
        # The body may come from the cache: the page lives no longer than it may.
        timeout = timeout or _good_for(agenda)
        cache.set(whole_page_key, (current, response.content), timeout)
    return response


def _good_for(agenda: Agenda) -> int:
    """How long a page of the agenda may be cached: until its next vote
    closes by its time, when the page shows that vote's result. No edit
    marks that moment (agendas.cache), so the page must not outlive it."""
    closes = next_closing(agenda)
    if closes is None:
        return AGENDA_CACHE_SECONDS
    return max(1, min(AGENDA_CACHE_SECONDS, ceil((closes - timezone.now()).total_seconds())))


@require_safe
def agenda_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A published version, at its permanent address: its words never change."""
    version = (
        AgendaVersion.objects.select_related("agenda__neighbourhood__city", "published_by")
        .filter(agenda__slug=slug, number=number)
        .first()
    )
    if version is None:
        raise Http404(_("There is no such version of this agenda."))
    shown = view_of(version, request.user)
    body = render_to_string(
        "agendas/_agenda_body.html",
        {"view": shown.view, "no_header": True, "version_note": True},
        request=request,
    )
    return render(
        request,
        "agendas/agenda_version.html",
        {
            "version": version,
            "agenda": shown.page_agenda,
            "live": version.agenda,
            "body": body,
            "versions": list(
                version.agenda.versions.order_by("number").values_list("number", flat=True)
            ),
            "sees_draft": request.user.has_perm("agendas.view_agenda", version.agenda),
            "citation": version_citation(version),
        },
    )
