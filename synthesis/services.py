"""What a national point cites, which the database cannot check alone:
checked by the rule here and written by the services, which the admin and
the demo loader call (synthesis.guards keeps the rule on every other route)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda

if TYPE_CHECKING:
    from agendas.models import Issue
    from proposals.models import Proposal

    from .models import NationalPoint


def check_cited(point: NationalPoint | None, cited: Iterable[Issue | Proposal]) -> None:
    """A point cites local evidence only: issues and proposals of local
    agendas (the same for every point: `point` is not read)."""
    if any(item.agenda.scope != Agenda.Scope.LOCAL for item in cited):
        raise ValidationError(
            _("Principles and requirements cite only issues and proposals of local agendas."),
            code="citation_not_local",
        )


def cite_issues(point: NationalPoint, issues: QuerySet[Issue] | Sequence[Issue]) -> None:
    """The local issues `point` draws on, from now on (refused: ValidationError)."""
    check_cited(point, issues)
    point.issues.set(issues)


def cite_proposals(
    point: NationalPoint, proposals: QuerySet[Proposal] | Sequence[Proposal]
) -> None:
    """The local proposals `point` draws on, from now on (refused: ValidationError)."""
    check_cited(point, proposals)
    point.proposals.set(proposals)
