from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalliesConfig(AppConfig):
    name = "tallies"
    verbose_name = _("Paper tallies")

    def ready(self):
        from . import signals  # noqa: F401
