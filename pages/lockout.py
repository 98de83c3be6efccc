"""The answer to a sign-in refused because of too many wrong passwords
(django-axes calls it): says when to try again and who can unlock sooner."""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    minutes = settings.SIGN_IN_LOCKOUT_MINUTES
    response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
