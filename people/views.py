"""The people pages of the workspace (who holds a staff role, invitations,
removing roles, reset links), accepting an invitation, setting a password
from a reset link, and signing in to where one works."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from access.fetch import require
from access.rules import invitation_filter
from communities.models import Membership
from core.forms import render_form

from . import selectors, services
from .codes import normalise
from .forms import AccountForm, CodeForm, GiveRoleForm, InviteForm
from .landing import landing_url
from .models import Invitation

BACKEND = "django.contrib.auth.backends.ModelBackend"


# --- the people page -------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
@login_required
def people(request):
    require(request.user, "people.view_people")
    return render(
        request,
        "people/people.html",
        {
            "page": selectors.people_page(request.user),
            "can_invite": request.user.has_perm("people.invite_facilitator"),
            "sees_staff": request.user.has_perm("people.view_staff"),
        },
    )


@never_cache  # the answer shows the invitation's code, once
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def invite(request):
    require(request.user, "people.invite_facilitator")
    form = InviteForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and _sent_again(request):
        # The page answering the form was reloaded, or the form sent twice:
        # the invitation it made is waiting already.
        messages.info(
            request,
            _(
                "That invitation was already made: it is waiting below. To invite "
                "someone else, open the invitation form again."
            ),
        )
        return redirect("people")
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.invite(by=request.user, **form.cleaned_data)
        except services.Refused as refused:
            form.add_error(None, refused.message)
        else:
            request.session.pop(SENDING, None)
            # Shown once, in the answer to the POST: the code is not kept.
            link = request.build_absolute_uri(
                reverse("invitation-link", kwargs={"token": normalise(issued.code)})
            )
            return render(
                request,
                "people/invitation_made.html",
                {
                    "invitation": issued.invitation,
                    "code": issued.code,
                    "link": link,
                    "code_page": request.build_absolute_uri(reverse("invitation-code")),
                },
            )
    if request.method != "POST":
        request.session[SENDING] = secrets.token_urlsafe(16)
    return render_form(
        request,
        "people/invite.html",
        {
            "form": form,
            "invitation_days": settings.INVITATION_DAYS,
            "sending": request.session.get(SENDING, ""),
        },
    )


# Each invitation form carries a mark of its own, kept in the session until
# the invitation is made: sent again (a reload of the answer), it makes none.
SENDING = "people-invitation-form"


def _sent_again(request):
    mark = request.POST.get("sending", "")
    return bool(mark) and not secrets.compare_digest(mark, request.session.get(SENDING, ""))


@require_POST
@login_required
def withdraw_invitation(request, pk):
    invitation = get_object_or_404(
        Invitation.objects.filter(pk=pk).filter(invitation_filter(request.user))
    )
    try:
        services.withdraw_invitation(invitation, by=request.user)
    except services.Refused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The invitation is withdrawn: it can no longer be used."))
    return redirect("people")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def remove_facilitator(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "neighbourhood").filter(
            role=Membership.Role.FACILITATOR
        ),
        pk=pk,
    )
    # 404 for a neighbourhood the person does not facilitate: who facilitates
    # elsewhere is not theirs to learn.
    if not request.user.has_perm("people.view_facilitator", membership):
        raise Http404
    if request.method == "POST":
        try:
            services.remove_facilitator(by=request.user, membership=membership)
        except services.Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                _("%(person)s no longer facilitates %(neighbourhood)s.")
                % {"person": membership.user, "neighbourhood": membership.neighbourhood},
            )
            if membership.user_id == request.user.pk and not request.user.has_perm(
                "people.view_people"
            ):
                return redirect(landing_url(request.user))
        return redirect("people")
    require(request.user, "people.remove_facilitator", membership)
    return render(
        request,
        "people/confirm_remove.html",
        {
            "question": _("Remove %(person)s as facilitator of %(neighbourhood)s?")
            % {"person": membership.user, "neighbourhood": membership.neighbourhood},
            "consequence": _(
                "From their next page on, they no longer see or change the work of this "
                "neighbourhood. What they wrote stays."
            ),
        },
    )


# --- one staff account (administrators) ---------------------------------------------------


def _staff_person(request, pk):
    require(request.user, "people.view_staff")
    person = selectors.staff_person(pk)
    if person is None:
        raise Http404
    return person


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def person(request, pk):
    person = _staff_person(request, pk)
    memberships = selectors.facilitated_by(person)
    form = GiveRoleForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        person=person,
        facilitated={membership.neighbourhood_id for membership in memberships},
    )
    if request.method == "POST":
        require(request.user, "people.give_facilitator_role")
        if form.is_valid():
            try:
                given = services.give_facilitator_role(
                    by=request.user, person=person, **form.cleaned_data
                )
            except services.Refused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    _("%(person)s now also facilitates: %(neighbourhoods)s.")
                    % {"person": person, "neighbourhoods": ", ".join(map(str, given))},
                )
                return redirect("people-person", pk=person.pk)
    return render_form(
        request,
        "people/person.html",
        {"person": person, "memberships": memberships, "form": form},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def remove_researcher(request, pk):
    person = _staff_person(request, pk)
    require(request.user, "people.remove_researcher", person)
    if request.method == "POST":
        try:
            services.remove_researcher(by=request.user, person=person)
        except services.Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request, _("%(person)s is no longer a researcher.") % {"person": person}
            )
        return redirect("people-person", pk=person.pk)
    return render(
        request,
        "people/confirm_remove.html",
        {
            "question": _("Remove the researcher role of %(person)s?") % {"person": person},
            "consequence": _(
                "From their next page on, they no longer see restricted items or other "
                "neighbourhoods' work, and their data token reads as theirs does."
            ),
        },
    )


@never_cache  # the answer shows the link, once
@require_POST
@login_required
def reset_link(request, pk):
    person = _staff_person(request, pk)
    try:
        path = services.make_reset_link(by=request.user, person=person)
    except services.Refused as refused:
        messages.error(request, refused.message)
        return redirect("people-person", pk=person.pk)
    return render(
        request,
        "people/reset_link_made.html",
        {
            "person": person,
            "link": request.build_absolute_uri(path),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )


# --- accepting an invitation (public) -----------------------------------------------------


def too_many_attempts(request):
    response = render(request, "people/too_many.html", status=429)
    response["Retry-After"] = "600"
    return response


def _stopped(request):
    """True while the address has used up its wrong codes (each count resets
    after its window). Only wrong codes count: a right one never."""
    usage = get_usage(
        request,
        group="invitation-address",
        key="ip",
        rate=settings.INVITATION_RATE_PER_ADDRESS,
        method=ALL,
    )
    return usage is not None and usage["count"] >= usage["limit"]


def _refused(request):
    """The answer when no more codes may be tried from here; None to go on."""
    return too_many_attempts(request) if _stopped(request) else None


def _count_failure(request):
    get_usage(
        request,
        group="invitation-address",
        key="ip",
        rate=settings.INVITATION_RATE_PER_ADDRESS,
        method=ALL,
        increment=True,
    )


# The code is moved out of the address into the session before any page
# answers, as Django's reset link does: an address is written to logs (Django
# logs every refused one) and sent onwards as a referrer; a session is not.
SESSION_KEY = "_invitation_code"


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_code(request):
    """Type the code of an invitation given on paper or by voice."""
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        refused = _refused(request)
        if refused:
            return refused
        if form.is_valid():
            if services.find_invitation(form.cleaned_data["code"]) is None:
                _count_failure(request)
                form.add_error(
                    "code", _("No invitation has this code. Check it and type it again.")
                )
            else:
                request.session[SESSION_KEY] = normalise(form.cleaned_data["code"])
                return redirect("invitation-accept")
    return render_form(request, "people/invitation_code.html", {"form": form})


@require_safe
def invitation_link(request, token):
    """The invitation's link: its code is kept in the session, and the
    page that reads it has an address without it."""
    request.session[SESSION_KEY] = token[:40]
    return redirect("invitation-accept")


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept(request):
    """The invited person chooses a username and password and is signed in."""
    code = request.session.get(SESSION_KEY)
    if not code:
        return redirect("invitation-code")
    refused = _refused(request)
    if refused:
        return refused
    invitation = services.find_invitation(code)
    if invitation is None:
        _count_failure(request)
        return render(
            request,
            "people/invitation_refused.html",
            {"reason": _("No invitation has this link. Check that it was copied whole.")},
            status=404,
        )
    reason = services.why_unusable(invitation)
    if reason:
        return render(request, "people/invitation_refused.html", {"reason": reason}, status=410)
    form = AccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.accept_invitation(
                code=code,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except (services.InvitationRefused, services.InvitationUnknown) as refused:
            return render(
                request, "people/invitation_refused.html", {"reason": refused.message}, status=410
            )
        except services.Refused as refused:
            form.add_error(None, refused.message)
        else:
            del request.session[SESSION_KEY]
            login(request, person, backend=BACKEND)
            messages.success(
                request, _("Welcome, %(person)s. Your account is ready.") % {"person": person}
            )
            return redirect(landing_url(person))
    return render_form(
        request,
        "people/invitation_accept.html",
        {
            "form": form,
            "invitation": invitation,
            "neighbourhoods": invitation.neighbourhoods.select_related("city"),
        },
    )


# --- a password reset link (public) -------------------------------------------------------


class ResetPassword(auth_views.PasswordResetConfirmView):
    """Django's page for a reset link (it moves the token out of the address
    before showing the form), with the change recorded and the person signed
    in where they work. A used or expired link says so."""

    template_name = "people/reset_password.html"

    def form_valid(self, form):
        services.reset_password(person=form.user, password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        login(self.request, form.user, BACKEND)
        messages.success(self.request, _("Your new password is set."))
        return redirect(landing_url(form.user))

    def form_invalid(self, form):
        # A refused form answers 400, as every form of the site does (core.forms.render_form).
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def dispatch(self, *args, **kwargs):
        response = super().dispatch(*args, **kwargs)
        if not self.validlink and response.status_code == 200:
            response.status_code = 410
        return response
