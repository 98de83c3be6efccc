from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from health_check.views import MediaType

from .health import as_json, readiness


@never_cache
def ready(request):
    """Readiness, for a load balancer or a deployment check (JSON) and for a
    person (a short page): 200 when the site can do all its work, 503 when
    not. Never cached: each answer is probed now."""
    findings = readiness()
    status = 200 if all(found.ok for found in findings) else 503
    if wants_json(request):
        response = JsonResponse(as_json(findings), status=status)
    else:
        context = {"findings": findings, "ready": status == 200}
        response = render(request, "operations/ready.html", context, status=status)
    response["Vary"] = "Accept"
    return response


def wants_json(request):
    if "format" in request.GET:
        return request.GET["format"] == "json"
    try:
        accepted = MediaType.parse_header(request.headers.get("Accept", "*/*"))
        for media in accepted:
            if media.mime_type in ("application/json", "application/*"):
                return True
            if media.mime_type in ("text/html", "text/*", "*/*"):
                return False
    except ValueError:  # an Accept header that cannot be read: the page
        pass
    return False
