"""Residents vote; facilitators open, close and read rounds, and apply a
result to the agenda's order."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from access import disclosure
from access.fetch import get_allowed_or_403, require
from agendas.models import Agenda
from communities.models import Membership
from core.confirm import Question, ask, confirmed
from core.forms import render_form

from . import outcomes, selectors, services, times
from .charts import results_chart
from .forms import BallotForm, ReceiptForm, RoundForm
from .models import VotingRound

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


# --- residents ------------------------------------------------------------------------


# What the votes page and a ballot page say of a closed round's result: the
# latest few rounds' results on the votes page (each older one on its own
# page), a few issues each, with the whole result on the agenda's page. Short
# on a phone, and the same queries however many rounds there were.
HOME_RESULTS = 3
HOME_TOP_ISSUES = 3
BALLOT_TOP_ISSUES = 5


def _outcomes(request, rounds, *, limit, top):
    now = timezone.now()
    # A round its closing time closed is sealed before its results are
    # read; not by a ballot refused for coming late, which changes nothing.
    if request.method != "POST":
        for counted in outcomes.counted(rounds, limit=limit, now=now):
            services.seal_if_closed(counted)
    return outcomes.outcomes(request.user, rounds, limit=limit, top=top, now=now)


@require_safe
@login_required
def home(request):
    """The rounds of the resident's neighbourhoods, open ones first: whether
    they took part, and what came of the closed ones."""
    places = Membership.objects.filter(user=request.user, role="resident").values("neighbourhood")
    shown = _outcomes(
        request,
        list(outcomes.resident_rounds(request.user)),
        limit=HOME_RESULTS,
        top=HOME_TOP_ISSUES,
    )
    return render(
        request,
        "voting/home.html",
        {
            "open_rounds": [o for o in shown if o.state == outcomes.OPEN],
            "upcoming_rounds": [o for o in shown if o.state == outcomes.UPCOMING],
            "closed_rounds": [o for o in shown if o.state == outcomes.CLOSED],
            "consultations": Agenda.objects.filter(
                neighbourhood__in=places, status=Agenda.Status.CONSULTATION
            ).order_by("slug"),
            "smallest_group": disclosure.SMALLEST_GROUP,
        },
    )


def _resident_round(request, pk):
    round = get_object_or_404(VotingRound.objects.select_related("agenda__neighbourhood"), pk=pk)
    if not services.may_vote(request.user, round):
        raise Http404  # a round of another neighbourhood does not exist for them
    return round


@GET_POST
@login_required
def ballot(request, pk):
    round = _resident_round(request, pk)
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        round=round,
        issues=round.ballot_issues(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.cast_ballot(round, request.user, form.marks())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Shown once: only a hash of it is kept.
            return render(request, "voting/receipt.html", {"round": round, "receipt": receipt})
    (outcome,) = _outcomes(request, [round], limit=1, top=BALLOT_TOP_ISSUES)
    return render_form(
        request,
        "voting/ballot.html",
        {
            "round": round,
            "form": form,
            "is_open": outcome.state == outcomes.OPEN,
            "outcome": outcome,
            "smallest_group": disclosure.SMALLEST_GROUP,
        },
    )


@GET_POST
@login_required
def check(request, pk):
    round = _resident_round(request, pk)
    form = ReceiptForm(request.POST if request.method == "POST" else None)
    checked = None
    if request.method == "POST" and form.is_valid():
        checked = selectors.ballot_for_receipt(
            round, form.cleaned_data["receipt"], user=request.user
        )
        if checked is None:
            form.add_error(
                "receipt",
                _(
                    "No ballot of this vote has that receipt. Each new ballot "
                    "replaces the receipt of the one before."
                ),
            )
    return render(
        request,
        "voting/check.html",
        {"round": round, "form": form, "checked": checked},
        status=400 if request.method == "POST" and checked is None else 200,
    )


# --- facilitators ---------------------------------------------------------------------


def _agenda(request, slug, perm):
    return get_allowed_or_403(
        request.user, perm, Agenda.objects.select_related("neighbourhood"), slug=slug
    )


@GET_POST
@login_required
def rounds(request, slug):
    agenda = _agenda(request, slug, "voting.view_votinground")
    form = RoundForm(request.POST if request.method == "POST" else None, agenda=agenda)
    if request.method == "POST":
        require(request.user, "voting.add_votinground", agenda)
        if form.is_valid():
            form.instance.opened_by = request.user
            round = form.save()
            messages.success(request, _("The vote is open."))
            return redirect("voting-results", pk=round.pk)
    return render_form(
        request,
        "voting/rounds.html",
        {
            "agenda": agenda,
            "form": form,
            "rounds": agenda.voting_rounds.all(),
            "can_edit": request.user.has_perm("voting.add_votinground", agenda),
        },
    )


def _round(request, pk, perm):
    """A round is there for whoever may read its agenda (404 for anyone
    else); its rules ask about its agenda's neighbourhood, as of the agenda."""
    return get_allowed_or_403(
        request.user,
        perm,
        VotingRound.objects.select_related("agenda__neighbourhood"),
        via="agenda",
        pk=pk,
    )


@require_safe
@login_required
def results(request, pk):
    round = _round(request, pk, "voting.view_votinground")
    # A round its closing time closed is sealed before anyone reads it.
    services.seal_if_closed(round)
    result = selectors.results(round)
    return render(
        request,
        "voting/results.html",
        {
            "round": round,
            "results": result,
            "chart": results_chart(result),
            "is_open": round.is_open(),
            "can_edit": request.user.has_perm("voting.change_votinground", round.agenda),
            "smallest_group": disclosure.SMALLEST_GROUP,
        },
    )


@GET_POST
@login_required
def close(request, pk):
    round = _round(request, pk, "voting.change_votinground")
    if not round.is_open():
        messages.info(request, _("This vote is already closed."))
        return redirect("voting-results", pk=round.pk)
    if not confirmed(request):
        return ask(request, _close_question(round))
    if services.close_round(round):
        messages.success(request, _("The vote is closed."))
    return redirect("voting-results", pk=round.pk)


def _close_question(round):
    """Closing by hand cannot be taken back: the page says what residents
    lose and what the ballots become."""
    results_url = reverse("voting-results", args=[round.pk])
    happens = [
        _(
            "Residents can no longer vote in it or change their ballot. Residents who "
            "have voted so far: %(voters)s."
        )
        % {"voters": round.participations.count()},
        _(
            "Its ballots are sealed: written again in a random order, so that no one "
            "can tell who cast which."
        ),
        _(
            "The online totals are shown on its results, where enough people voted to "
            "keep each ballot secret."
        ),
    ]
    if round.closes_at:
        happens.append(
            format_html(
                _("It was to close on its own at {time}; it closes now instead."),
                time=times.shown_in(round.closes_at, times.zone_of(round.agenda)),
            )
        )
    return Question(
        heading=_("Close the vote “%(round)s” now?") % {"round": round},
        happens=happens,
        lasting=[
            _("A closed vote cannot be opened again: to vote again, open a new vote."),
        ],
        action=_("Yes, close the vote"),
        cancel_url=results_url,
        crumbs=[(_("Votes"), reverse("voting-rounds", args=[round.agenda.slug]))],
    )


@require_POST
@login_required
def apply(request, pk):
    round = _round(request, pk, "voting.change_votinground")
    services.apply_result(round)
    messages.success(
        request, _("The agenda's priority issues are now in the order of the combined result.")
    )
    return redirect("workspace-agenda", slug=round.agenda.slug)
