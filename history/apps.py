from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = _("History")

    def ready(self):
        from . import signals  # noqa: F401
        from .tracked import register_tracked_models

        register_tracked_models()
