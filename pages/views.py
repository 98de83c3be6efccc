"""Public pages. Views parse the request, call a selector and render."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from communities.models import SecurityDimension
from pages.models import SiteText
from pages.privacy import current_notice, notice_html
from publication.selectors import home_neighbourhoods, national_agendas


@require_safe
def privacy_notice(request):
    notice = current_notice()
    body, html = notice_html(notice, under=1)
    return render(
        request,
        "pages/privacy.html",
        {"notice": notice, "notice_body": html, "notice_language": body},
    )


@require_safe
def home(request):
    return render(
        request,
        "pages/home.html",
        {
            "neighbourhoods": home_neighbourhoods(request.user),
            "national_agendas": national_agendas(request.user),
            "overview": SiteText.objects.filter(slug="overview").first(),
        },
    )


@require_safe
@cache_control(max_age=300, public=True)
def dimensions_css(request):
    """Each dimension's colour as a CSS class, so pages need no inline style."""
    rules = [
        f".dim-{slug}{{--dim-colour:{colour}}}"
        for slug, colour in SecurityDimension.objects.values_list("slug", "colour")
    ]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css")


@require_safe
def health(request):
    """Liveness check for load balancers (and the benchmark's baseline)."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """500 page in the person's language, rendered without touching the
    database (which may be what failed)."""
    return HttpResponse(render_to_string("500.html"), status=500)
