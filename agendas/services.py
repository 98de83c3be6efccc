"""Links of an issue that the database cannot check alone: each is checked
by its rule here and written by its service, which the workspace, the admin
and the demo loader call (agendas.guards keeps the rule on every other
route)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def check_workshops(issue, workshops):
    """Refuse workshops of another neighbourhood: an issue came up where its agenda is."""
    if any(w.neighbourhood_id != issue.agenda.neighbourhood_id for w in workshops):
        raise ValidationError(
            {"workshops": _("Choose workshops held in this agenda's neighbourhood.")},
            code="workshop_of_other_neighbourhood",
        )


def set_workshops(issue, workshops):
    """The workshops where `issue` came up, from now on (refused: ValidationError)."""
    check_workshops(issue, workshops)
    issue.workshops.set(workshops)
