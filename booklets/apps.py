from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookletsConfig(AppConfig):
    name = "booklets"
    verbose_name = _("Printed booklets")

    def ready(self):
        from . import signals  # noqa: F401
