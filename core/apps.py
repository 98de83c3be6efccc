from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The bottom of the project: helpers every app may import (bilingual
    text, forms, public ids, client addresses, uploads, PDFs from HTML), and
    which import no app of the project."""

    name = "core"
    verbose_name = _("Shared foundations")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)
