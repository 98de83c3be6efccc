from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People: invitations and roles")

    def ready(self):
        # Spent invitations are cleared away by the scheduled clean-up.
        from core import cleanup

        from .retention import spent_invitations

        cleanup.register("invitations", spent_invitations)
