"""An agenda's way from draft to publication, one recorded step at a time.

draft ⇄ consultation ⇄ validated → published, and back to draft to work on
the next text. Each step is kept: who moved it, when, from where to where.
Publishing freezes the text as the next numbered version (publication.versions).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda, AgendaStep
from communities.models import User

from .versions import publish

Status = Agenda.Status

# status -> the statuses it may move to, in the order the buttons show them
NEXT: dict[str, list[str]] = {
    Status.DRAFT: [Status.CONSULTATION],
    Status.CONSULTATION: [Status.VALIDATED, Status.DRAFT],
    Status.VALIDATED: [Status.PUBLISHED, Status.CONSULTATION],
    Status.PUBLISHED: [Status.DRAFT],
}

# What each move is called on its button.
ACTIONS: dict[str, Promise] = {
    Status.CONSULTATION: _("Open to consultation with residents"),
    Status.VALIDATED: _("Mark as validated"),
    Status.PUBLISHED: _("Publish"),
    Status.DRAFT: _("Back to draft"),
}


def moves_from(status: str) -> list[tuple[str, Promise]]:
    return [(target, ACTIONS[target]) for target in NEXT.get(status, [])]


def move(agenda: Agenda, to_status: str, by: User) -> Agenda:
    """Move the agenda to `to_status` if that step is allowed from where it
    is now (read under a lock, so two facilitators cannot both move it from
    the same place); record the step."""
    with transaction.atomic():
        current = Agenda.objects.select_for_update().get(pk=agenda.pk)
        if to_status not in NEXT.get(current.status, []):
            raise ValidationError(
                _("An agenda cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": current.get_status_display(),
                    "to": dict(Status.choices).get(to_status, to_status),
                }
            )
        AgendaStep.objects.create(
            agenda=current, from_status=current.status, to_status=to_status, by=by
        )
        current.status = to_status
        current.save(update_fields=["status", "updated_at"])
        if to_status == Status.PUBLISHED:
            publish(current, by)  # the text is frozen as the next version
    return current
