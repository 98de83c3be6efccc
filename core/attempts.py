"""Where guessing a code is at stake (participant codes, invitation codes),
wrong attempts are counted in the cache. While the cache cannot count, the
attempt is refused with a page that says so: guessing must not become
unlimited because Redis is away."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .cache import counting_possible

# Redis is left alone for a few seconds after an outage (CACHE_RETRY_AFTER);
# a minute is what the page asks for.
RETRY_AFTER_SECONDS = 60


def cannot_count(request: HttpRequest, back_url: str, back_label: str) -> HttpResponse:
    """The answer to an attempt that cannot be counted: 503, try again soon."""
    response = render(
        request,
        "cannot_count.html",
        {"back_url": back_url, "back_label": back_label},
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


__all__ = ["cannot_count", "counting_possible"]
