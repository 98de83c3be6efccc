from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the site in production: its health, its background workers
    seen from the web, the scheduled clean-up and the deployment checks."""

    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from core import cleanup as kinds

        # Registered on import: workers' sightings (Celery's signals), the
        # system checks, and the clean-up's tasks (a module Celery's
        # autodiscovery, which looks for tasks.py, misses).
        from . import checks, cleanup, cleanup_tasks, workers  # noqa: F401

        for kind, rule in cleanup.OWN_KINDS.items():
            kinds.register(kind, rule)
