"""The API's throttles, counting by the client's address as every other
throttle of the site reads it (core.addresses): a forged X-Forwarded-For
header does not make a new client."""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core.addresses import client_address


class AddressMixin:
    def get_ident(self, request):
        return client_address(request)


class AnonymousRateThrottle(AddressMixin, AnonRateThrottle):
    pass


class SignedInRateThrottle(AddressMixin, UserRateThrottle):
    pass
