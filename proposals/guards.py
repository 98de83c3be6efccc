"""The rule on a proposal's issues (proposals.services.check_issues), kept
on every route that bypasses the service: the shell, a script, a test that
adds links through the ORM, from either side of the link."""

from agendas.models import Issue
from core.links import guard_link

from .models import Proposal
from .services import check_issues

guard_link(
    Proposal.issues.through,
    check_issues,
    owners=lambda: Proposal.objects.only("agenda_id"),
    targets=lambda: Issue.objects.only("agenda_id"),
)
