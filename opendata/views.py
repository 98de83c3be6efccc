"""Open data: the downloads, their data dictionary and the API token page.
Views parse the request and call api.datasets / opendata.export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from access import rules as access
from api.datasets import DATASETS, LIST_SEPARATOR

from . import export, tokens

FORMATS = {
    "csv": (export.as_csv, "text/csv; charset=utf-8"),
    "json": (export.as_json, "application/json; charset=utf-8"),
}

# The rows depend on who asks: never kept by a shared cache.
private = cache_control(private=True, no_cache=True)


@require_safe
@private
def index(request):
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": DATASETS.values(),
            "sees_restricted": access.sees_restricted_somewhere(request.user),
            "may_hold_token": request.user.has_perm("api.hold_token"),
            "licence": export.LICENCE,
            "licence_url": export.LICENCE_URL,
            "separator": LIST_SEPARATOR,
            # The characters a reader can see (tab and carriage return are not).
            "formula_starts": " ".join(c for c in export.FORMULA_STARTS if c.isprintable()),
        },
    )


def _dataset(name):
    dataset = DATASETS.get(name)
    if dataset is None:
        raise Http404(_("There is no data set with this name."))
    return dataset


@require_safe
@private
def download(request, dataset, extension):
    dataset = _dataset(dataset)
    build, content_type = FORMATS[extension]
    response = HttpResponse(build(dataset, request.user), content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{export.filename(dataset, extension)}"'
    )
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def api_token(request):
    if not request.user.has_perm("api.hold_token"):
        raise PermissionDenied
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in tokens.ACTIONS:
            return render(
                request,
                "opendata/token.html",
                {"token": tokens.token_of(request.user), "error": _("Choose one of the buttons.")},
                status=400,
            )
        message, new_token = tokens.ACTIONS[action](request.user)
        if new_token:
            # Shown in this answer only: it is not kept anywhere it could be read back.
            context = {"token": tokens.token_of(request.user), "new_token": new_token}
            messages.success(request, message)
            return render(request, "opendata/token.html", context)
        messages.success(request, message)
        return redirect("api-token")
    return render(request, "opendata/token.html", {"token": tokens.token_of(request.user)})
