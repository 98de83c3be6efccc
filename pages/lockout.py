"""Sign-in lockout (django-axes): wrong passwords count against the account
and against the address they came from, each with its own limit; and the
answer to a refused sign-in, saying when to try again."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


class AccountOrAddressHandler(AxesDatabaseHandler):
    """An account is locked after SIGN_IN_FAILURE_LIMIT wrong passwords; an
    address only after SIGN_IN_ADDRESS_FAILURE_LIMIT. In a community hall
    everyone shares one Wi-Fi: one person's guesses must not lock every
    facilitator out, while guessing any one account stays as slow.

    Axes compares one number with one limit (the account's); the address's
    count is scaled to it, so that it reaches the limit exactly when the
    address reaches its own."""

    def get_failures(self, request, credentials=None):
        account_limit = settings.SIGN_IN_FAILURE_LIMIT
        address_limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
        counts = [0]
        parameters = settings.AXES_LOCKOUT_PARAMETERS
        attempts_by_parameter = self.get_user_attempts(request, credentials)
        for parameter, attempts in zip(parameters, attempts_by_parameter, strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter == "ip_address":
                failures = failures * account_limit // address_limit
            counts.append(failures)
        return max(counts)

    def reset_user_attempts(self, request, credentials=None):
        """A right password clears only the person's own slips from where
        they are. Axes would clear every attempt matching the account or the
        address, so that someone with one account of their own could sign in
        between guesses and guess another account's password for ever."""
        own = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )
        deleted, _kinds = own.delete()
        return deleted


def locked_out(request, original_response=None, credentials=None):
    minutes = settings.SIGN_IN_LOCKOUT_MINUTES
    response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
