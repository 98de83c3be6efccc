"""An address that fails, carrying a token as invitation links do: what an
error report is made from (test_error_reports.py)."""

from django.urls import path


def fails(request, token):
    raise RuntimeError(f"could not accept {request.get_full_path()}")


urlpatterns = [path("invitation/<str:token>/", fails)]
