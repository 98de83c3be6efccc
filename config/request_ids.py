"""Every request gets an id (django-guid), written on each of its log lines
and returned in the X-Request-ID header, so a person's complaint ("it failed
at 10:42, the page said …") can be matched to the log lines of that request.

A reverse proxy may have given the request its id already, to match its own
log; django-guid reuses that id only when it is a valid UUID. The header is
believed only when the site stands behind a proxy it trusts
(TRUSTED_PROXY_HOPS): otherwise anyone could give their requests another's id.
"""

from django.conf import settings

HEADER = "X-Request-ID"
_META_KEY = "HTTP_" + HEADER.upper().replace("-", "_")


class IgnoreUntrustedRequestId:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.TRUSTED_PROXY_HOPS:
            request.META.pop(_META_KEY, None)
        return self.get_response(request)
