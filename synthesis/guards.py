"""The rule on what a national point cites (synthesis.services.check_cited),
kept on every route that bypasses the services: the shell, a script, a test
that adds citations through the ORM, from either side of the link."""

from agendas.models import Issue
from core.links import guard_link
from proposals.models import Proposal

from .models import NationalPoint
from .services import check_cited

guard_link(
    NationalPoint.issues.through,
    check_cited,
    owners=NationalPoint.objects.all,
    targets=lambda: Issue.objects.select_related("agenda"),
)
guard_link(
    NationalPoint.proposals.through,
    check_cited,
    owners=NationalPoint.objects.all,
    targets=lambda: Proposal.objects.select_related("agenda"),
)
