"""What a national point cites, which the database cannot check alone:
checked by the rule here and written by the services, which the admin and
the demo loader call (synthesis.guards keeps the rule on every other route)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda


def check_cited(point, cited):
    """A point cites local evidence only: issues and proposals of local
    agendas (the same for every point: `point` is not read)."""
    if any(item.agenda.scope != Agenda.Scope.LOCAL for item in cited):
        raise ValidationError(
            _("Principles and requirements cite only issues and proposals of local agendas."),
            code="citation_not_local",
        )


def cite_issues(point, issues):
    """The local issues `point` draws on, from now on (refused: ValidationError)."""
    check_cited(point, issues)
    point.issues.set(issues)


def cite_proposals(point, proposals):
    """The local proposals `point` draws on, from now on (refused: ValidationError)."""
    check_cited(point, proposals)
    point.proposals.set(proposals)
