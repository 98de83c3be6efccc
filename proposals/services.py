"""A proposal's links to issues, which the database cannot check alone:
checked by the rule here and written by the service, which the workspace and
the admin call (proposals.guards keeps the rule on every other route)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def check_issues(proposal, issues):
    """Refuse issues of another agenda: a proposal answers its own agenda."""
    if any(issue.agenda_id != proposal.agenda_id for issue in issues):
        raise ValidationError(
            {"issues": _("A proposal can only be linked to issues of its own agenda.")},
            code="issue_of_other_agenda",
        )


def set_issues(proposal, issues):
    """The issues `proposal` answers, from now on (refused: ValidationError)."""
    check_issues(proposal, issues)
    proposal.issues.set(issues)
