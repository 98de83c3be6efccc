from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")

    def ready(self):
        # Registers the schema's descriptions of how to sign requests.
        from . import schema  # noqa: F401
