"""Residents join with a printed code; facilitators print and withdraw codes."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit.core import get_usage

from access.fetch import require
from booklets.jobs import send_if_waiting
from booklets.models import Paper
from booklets.views import job_page, private_pdf
from communities.models import Membership, Neighbourhood
from core.confirm import Question, ask, confirmed
from core.forms import render_form
from core.text import localized
from pages.privacy import current_notice, notice_html

from . import consent, services, sheets
from .forms import AboutYouForm, CodeBatchForm, ConsentForm, RedeemForm
from .models import CodeBatch, CodeSheet, ParticipantCode


def too_many_attempts(request, exception=None):
    return render(request, "residents/too_many.html", status=429)


def _failure_counts(request, batch):
    """What wrong attempts are counted against: the address (as
    core.addresses reads it) and, when the typed code belongs to one, its
    batch. Only wrong attempts count: thirty residents joining from one
    connection are never stopped by each other."""
    counts = [("redeem-address", "ip", settings.REDEEM_RATE_PER_ADDRESS)]
    if batch is not None:
        counts.append(
            (
                "redeem-batch",
                lambda group, request: f"batch-{batch}",
                settings.REDEEM_RATE_PER_BATCH,
            )
        )
    return counts


def _stopped(request, batch):
    """True while the address or the batch has used up its wrong attempts;
    each count resets after its window."""
    for group, key, rate in _failure_counts(request, batch):
        usage = get_usage(request, group=group, key=key, rate=rate, method="POST")
        if usage is not None and usage["count"] >= usage["limit"]:
            return True
    return False


def _count_failure(request, batch):
    for group, key, rate in _failure_counts(request, batch):
        get_usage(request, group=group, key=key, rate=rate, method="POST", increment=True)


@require_http_methods(["GET", "HEAD", "POST"])
def redeem(request):
    # The privacy notice is on the join page itself: read before anything is given.
    notice = current_notice()
    form = RedeemForm(
        request.POST if request.method == "POST" else None,
        initial={"code": request.GET.get("code", "")[:40]},
    )
    if request.method == "POST":
        batch = services.find_batch(request.POST.get("code", ""))
        if _stopped(request, batch):
            return too_many_attempts(request)
        if not form.is_valid():
            _count_failure(request, batch)
        else:
            try:
                resident = services.redeem(form.cleaned_data["code"], notice_version=notice.version)
            except services.CodeRefused:
                _count_failure(request, batch)
                form.add_error(
                    "code",
                    _(
                        "This code cannot be used: it may be mistyped, withdrawn or expired. "
                        "Check it, or ask the facilitator for a new one."
                    ),
                )
            else:
                returning = resident.last_login is not None
                login(request, resident, backend="django.contrib.auth.backends.ModelBackend")
                if returning:
                    messages.success(
                        request,
                        _("Welcome back. You are taking part anonymously, as before."),
                    )
                    return redirect("voting-home")
                messages.success(request, _("Welcome. You are taking part anonymously."))
                return redirect("about-you")
    body, html = notice_html(notice)
    return render_form(
        request,
        "residents/redeem.html",
        {"form": form, "notice": notice, "notice_body": html, "notice_language": body},
    )


def _resident_profile(request):
    if not Membership.objects.filter(user=request.user, role="resident").exists():
        raise PermissionDenied
    return consent.profile_of(request.user)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def about_you(request):
    profile = _resident_profile(request)
    form = AboutYouForm(
        request.POST if request.method == "POST" else None,
        consented=profile.has_consented,
        initial={
            "groups": profile.groups.filter(sensitivity__isnull=True),
            "origin": profile.groups.filter(sensitivity__isnull=False),
        },
    )
    if request.method == "POST" and form.is_valid():
        consent.save_groups(profile, form.chosen_groups())
        messages.success(request, _("Thank you. You can change this at any time."))
        return redirect("voting-home")
    return _about_you_page(request, profile, form, ConsentForm())


def _about_you_page(request, profile, form, consent_form):
    return render_form(
        request,
        "residents/about_you.html",
        {
            "form": form,
            "consent_form": consent_form,
            "profile": profile,
            "notice": current_notice(),
            "sensitive_groups": consent.sensitive_groups(),
        },
    )


@require_POST
@login_required
def give_consent(request):
    """Express consent to the question on ethnic origin; only then is it asked."""
    profile = _resident_profile(request)
    consent_form = ConsentForm(request.POST)
    if not consent_form.is_valid():
        form = AboutYouForm(consented=profile.has_consented)
        return _about_you_page(request, profile, form, consent_form)
    consent.give_consent(profile, notice_version=current_notice().version)
    messages.success(request, _("Your consent is recorded. You can withdraw it at any time."))
    return redirect(reverse("about-you") + "#origin")


# --- facilitators: printing and withdrawing codes -----------------------------------


def _neighbourhood(request, pk, perm):
    place = get_object_or_404(Neighbourhood.objects.select_related("city"), pk=pk)
    require(request.user, perm, place)
    return place


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def code_batches(request, pk):
    place = _neighbourhood(request, pk, "workspace.view_workspace")
    form = CodeBatchForm(
        request.POST if request.method == "POST" else None,
        initial={"paper": Paper.LETTER if get_language().startswith("es") else Paper.A4},
    )
    if request.method == "POST":
        require(request.user, "residents.add_codebatch", place)
        if form.is_valid():
            sheet = sheets.request_sheet(
                place,
                requested_by=request.user,
                site_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
            return redirect("code-sheet", pk=sheet.pk)
    sheets.forget_old_sheets()
    batches = place.code_batches.order_by("-created_at")
    stats = {
        row["batch"]: row
        for row in ParticipantCode.objects.filter(batch__neighbourhood=place)
        .values("batch")
        .annotate(
            total=_count(),
            used=_count(used_at__isnull=False),
            withdrawn=_count(revoked_at__isnull=False),
        )
    }
    for batch in batches:
        batch.stats = dict(stats.get(batch.pk, {}))
        if batch.revoked_at:  # a withdrawn batch withdraws every code of it
            batch.stats["withdrawn"] = batch.stats.get("total", 0)
    return render_form(
        request,
        "residents/code_batches.html",
        {
            "neighbourhood": place,
            "form": form,
            "batches": batches,
            # The requester's latest sheets but those deleted: being made,
            # ready to download, or failed (to try again).
            "sheets": [
                sheet
                for sheet in place.code_sheets.filter(requested_by=request.user)[:10]
                if sheet.status != CodeSheet.Status.READY or sheet.is_kept()
            ],
            "can_edit": request.user.has_perm("residents.add_codebatch", place),
        },
    )


def _count(**condition):
    return Count("pk", filter=Q(**condition)) if condition else Count("pk")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def withdraw(request, pk):
    """Withdraw one slip or a whole batch, after a page that says how many
    codes stop working and whose residents are signed out."""
    batch = get_object_or_404(CodeBatch.objects.select_related("neighbourhood"), pk=pk)
    require(request.user, "residents.change_codebatch", batch.neighbourhood)
    number = (request.POST if request.method == "POST" else request.GET).get("number", "").strip()
    left = ParticipantCode.objects.filter(batch=batch, revoked_at__isnull=True)
    if number.isdigit():
        left = left.filter(number=int(number))
    if batch.revoked_at or (number != "all" and not number.isdigit()) or not left.exists():
        messages.error(
            request,
            _("No slip with that number is left to withdraw in this batch. Nothing was changed."),
        )
    elif not confirmed(request):
        return ask(request, _withdrawal_question(batch, number, left))
    elif number == "all":
        services.revoke_batch(batch)
        messages.success(
            request,
            _(
                "Every code of this batch is withdrawn: no one can join or come back with "
                "them. What residents already said and voted stays."
            ),
        )
    elif services.revoke_code(batch, int(number)):
        messages.success(
            request,
            _(
                "Slip %(number)s is withdrawn: no one can join or come back with it. What its "
                "resident already said and voted stays."
            )
            % {"number": number},
        )
    else:  # withdrawn by someone else since the page was shown
        messages.error(
            request,
            _("No slip with that number is left to withdraw in this batch. Nothing was changed."),
        )
    return redirect("code-batches", pk=batch.neighbourhood_id)


def _withdrawal_question(batch, number, left):
    """How many of the codes still working are unused (no one can join with
    them any more) and used (their residents are signed out)."""
    counts = left.aggregate(used=_count(used_at__isnull=False), unused=_count(used_at__isnull=True))
    place = batch.neighbourhood
    batches_url = reverse("code-batches", args=[place.pk])
    happens = []
    if number == "all":
        heading = _("Withdraw every code of this batch?")
        action = _("Yes, withdraw every code of this batch")
    else:
        heading = _("Withdraw slip %(number)s?") % {"number": number}
        action = _("Yes, withdraw slip %(number)s") % {"number": number}
    if counts["unused"]:
        happens.append(
            _("Codes not used yet: %(count)s. No one will be able to join with them.")
            % {"count": counts["unused"]}
        )
    if counts["used"]:
        happens.append(
            _(
                "Codes already used: %(count)s. The residents who joined with them are "
                "signed out and cannot come back with them. What they already said and "
                "voted stays."
            )
            % {"count": counts["used"]}
        )
    if number == "all":
        happens.append(_("The sheet of this batch, if it is still kept here, is deleted."))
    return Question(
        heading=heading,
        happens=happens,
        lasting=[
            _(
                "A withdrawn code never works again and cannot be given back: a resident "
                "who still needs to take part needs a new code."
            )
        ],
        action=action,
        cancel_url=batches_url,
        data=[("number", number)],
        crumbs=[
            (localized(place, "name").text, reverse("workspace-neighbourhood", args=[place.pk])),
            (_("Participant codes"), batches_url),
        ],
    )


# --- the sheet of a new batch, made in the background -------------------------------


def _sheet(request, pk):
    """A sheet is seen only by whoever asked for it, while they may still
    print codes for its neighbourhood: anyone else gets 404."""
    sheet = CodeSheet.objects.select_related("neighbourhood", "batch").filter(pk=pk).first()
    if (
        sheet is None
        or sheet.requested_by_id != request.user.pk
        or not request.user.has_perm("residents.add_codebatch", sheet.neighbourhood)
    ):
        raise Http404
    return sheet


@require_safe
@login_required
def code_sheet(request, pk):
    sheet = _sheet(request, pk)
    send_if_waiting(sheet, sheets.dispatch)
    return job_page(
        request, "residents/code_sheet.html", {"sheet": sheet}, finished=sheet.is_finished
    )


@require_safe
@login_required
def code_sheet_download(request, pk):
    sheet = _sheet(request, pk)
    if not sheet.is_kept():
        raise Http404
    sheets.mark_downloaded(sheet)
    return private_pdf(sheet.file_path, sheet.filename())


@require_POST
@login_required
def code_sheet_delete(request, pk):
    sheet = _sheet(request, pk)
    if sheet.downloaded_at is None:
        # The file is the one copy of its codes: never deleted unseen.
        messages.error(
            request,
            _(
                "The sheet has not been downloaded yet: it is the only copy of its codes. "
                "Download and print it first; to discard it, withdraw its batch. "
                "Nothing was changed."
            ),
        )
        return redirect("code-sheet", pk=sheet.pk)
    sheet.delete_file()
    messages.success(
        request, _("The sheet is deleted from the server. Its codes now exist only in print.")
    )
    return redirect("code-sheet", pk=sheet.pk)


@require_POST
@login_required
def code_sheet_retry(request, pk):
    sheet = _sheet(request, pk)
    if sheets.retry(sheet):
        messages.info(request, _("The sheet is being prepared again."))
    return redirect("code-sheet", pk=sheet.pk)
