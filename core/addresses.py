"""The address a request really comes from, the one every throttle counts.

Behind a reverse proxy every request arrives from the proxy, and the client's
address is in X-Forwarded-For, where anyone can also write whatever they
like. So the header is believed only as far as the site's own proxies go:
TRUSTED_PROXY_HOPS says how many there are (0: none, the header is ignored),
and each of them appends the address it received the request from. Django
REST framework counts the same way (its NUM_PROXIES is set from the same
setting), so the API, participant codes and sign-in agree on who is who.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_HOPS
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops <= 0 or not forwarded:
        return remote
    chain = [part.strip() for part in forwarded.split(",")]
    candidate = chain[-min(hops, len(chain))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # A proxy that passes on garbage: count the proxy rather than fail.
        return remote
