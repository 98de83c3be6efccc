from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    """An agenda as it is read and published: the read-model every page and
    booklet shows, its pages (cached whole for visitors), its numbered
    versions and its way from draft to publication. It sits above agendas,
    proposals, synthesis and tallies, which it brings together; none of them
    imports it."""

    name = "publication"
    verbose_name = _("Publication of agendas")
