from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendasConfig(AppConfig):
    name = "agendas"
    verbose_name = _("Agendas")

    def ready(self):
        from . import guards, signals  # noqa: F401
