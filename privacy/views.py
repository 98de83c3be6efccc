"""A resident's own data: see it, download it, delete it; withdraw consent."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .selectors import resident_data
from .services import delete_resident, holds_own_data, withdraw_consent


def _own(request):
    if not holds_own_data(request.user):
        raise PermissionDenied
    return request.user


@never_cache
@require_safe
@login_required
def my_data(request):
    return render(request, "privacy/my_data.html", {"data": resident_data(_own(request))})


@never_cache
@require_safe
@login_required
def download(request):
    data = resident_data(_own(request))
    response = HttpResponse(
        json.dumps(data.as_json(), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{data.pseudonym}.json"'
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def delete(request):
    """A confirmation page, then the deletion and signing out."""
    user = _own(request)
    if request.method == "POST":
        delete_resident(user)
        logout(request)
        messages.success(
            request, _("Your data is deleted and you are signed out. Thank you for taking part.")
        )
        return redirect("home")
    return render(request, "privacy/delete.html", {"data": resident_data(user)})


@require_POST
@login_required
def withdraw(request):
    withdraw_consent(_own(request))
    messages.success(
        request, _("Your consent is withdrawn and your answer on ethnic origin is deleted.")
    )
    return redirect("about-you")
