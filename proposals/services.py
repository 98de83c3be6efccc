"""A proposal's links to issues, which the database cannot check alone:
checked by the rule here and written by the service, which the workspace and
the admin call (proposals.guards keeps the rule on every other route)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from agendas.models import Issue

    from .models import Proposal


def check_issues(proposal: Proposal, issues: Iterable[Issue]) -> None:
    """Refuse issues of another agenda: a proposal answers its own agenda."""
    if any(issue.agenda_id != proposal.agenda_id for issue in issues):
        raise ValidationError(
            {"issues": _("A proposal can only be linked to issues of its own agenda.")},
            code="issue_of_other_agenda",
        )


def set_issues(proposal: Proposal, issues: QuerySet[Issue] | Sequence[Issue]) -> None:
    """The issues `proposal` answers, from now on (refused: ValidationError)."""
    check_issues(proposal, issues)
    proposal.issues.set(issues)
