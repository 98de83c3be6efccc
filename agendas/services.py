"""Links of an issue that the database cannot check alone: each is checked
by its rule here and written by its service, which the workspace, the admin
and the demo loader call (agendas.guards keeps the rule on every other
route)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from workshops.models import Workshop

    from .models import Issue


def check_workshops(issue: Issue, workshops: Iterable[Workshop]) -> None:
    """Refuse workshops of another neighbourhood: an issue came up where its agenda is."""
    if any(w.neighbourhood_id != issue.agenda.neighbourhood_id for w in workshops):
        raise ValidationError(
            {"workshops": _("Choose workshops held in this agenda's neighbourhood.")},
            code="workshop_of_other_neighbourhood",
        )


def set_workshops(issue: Issue, workshops: QuerySet[Workshop] | Sequence[Workshop]) -> None:
    """The workshops where `issue` came up, from now on (refused: ValidationError)."""
    check_workshops(issue, workshops)
    issue.workshops.set(workshops)
