from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the site in production: its health, its background workers
    seen from the web, the scheduled clean-up and the deployment checks."""

    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        # Workers note when they start and take jobs (celery signals).
        from . import workers  # noqa: F401
