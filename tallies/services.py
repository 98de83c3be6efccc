"""Writing a paper tally and its dots, as one change."""

from typing import Protocol

from django.db import transaction

from agendas.models import Agenda, Issue
from workshops.models import Workshop

from .models import PaperTally, TallyCount


class TallyForm(Protocol):
    """What saving needs of the workspace's tally form (workspace.workshop_forms)."""

    instance: PaperTally

    def save(self) -> PaperTally: ...

    def counts(self) -> dict[Issue, int]: ...


def tally_for(workshop: Workshop, agenda: Agenda) -> PaperTally:
    """The workshop's tally for the agenda, or a new unsaved one."""
    return PaperTally.objects.filter(workshop=workshop, agenda=agenda).first() or PaperTally(
        workshop=workshop, agenda=agenda
    )


def save_tally(form: TallyForm) -> PaperTally:
    """Save a valid TallyForm: the tally's numbers and one row per issue that
    received dots (an issue with none has no row)."""
    with transaction.atomic():
        # Two people typing the same flip chart at once: the second waits,
        # then updates the tally the first created instead of failing.
        type(form.instance.workshop).objects.select_for_update().filter(
            pk=form.instance.workshop.pk
        ).get()
        if form.instance.pk is None:
            existing = PaperTally.objects.filter(
                workshop=form.instance.workshop, agenda=form.instance.agenda
            ).first()
            if existing:
                form.instance.pk = existing.pk
        tally = form.save()
        current = {row.issue_id: row for row in tally.counts.all()}
        for issue, dots in form.counts().items():
            row = current.get(issue.pk)
            if not dots:
                if row:
                    row.delete()
            elif row is None:
                TallyCount.objects.create(tally=tally, issue=issue, dots=dots)
            elif row.dots != dots:
                row.dots = dots
                row.save(update_fields=["dots"])
    return tally
