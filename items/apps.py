from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ItemsConfig(AppConfig):
    """The kinds of agenda item, declared once (items.registry)."""

    name = "items"
    verbose_name = _("Kinds of agenda item")
