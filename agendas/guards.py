"""The rule on an issue's workshops (agendas.services.check_workshops), kept
on every route that bypasses the service: the shell, a script, a test that
adds links through the ORM, from either side of the link."""

from core.links import guard_link
from workshops.models import Workshop

from .models import Issue
from .services import check_workshops

guard_link(
    Issue.workshops.through,
    check_workshops,
    owners=lambda: Issue.objects.select_related("agenda"),
    targets=lambda: Workshop.objects.only("neighbourhood_id"),
)
