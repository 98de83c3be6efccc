"""Writing a workshop and its attendance, as one change.

People are counted once: the people present are the workshop's figure, and
each participant group's count says how many of those people belong to it.
Groups overlap (a young woman is among the women and the youths), so their
counts need not add up to the people present, but none can exceed it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import ModelForm
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from communities.models import ParticipantGroup

from .models import Attendance, Workshop


def check_attendance(
    people_present: int | None, counts: dict[ParticipantGroup, int | None]
) -> None:
    """Raise ValidationError unless the groups' counts fit the people present;
    a group's error comes back under the group."""
    errors: dict[ParticipantGroup, str] = {}
    for group, count in counts.items():
        if count is None:
            continue
        if count < 0:
            errors[group] = _("The number of people cannot be negative.")
        elif people_present is None:
            errors[group] = _("Say how many people were present before counting them by group.")
        elif count > people_present:
            errors[group] = ngettext(
                "No more than the %(count)d person present.",
                "No more than the %(count)d people present.",
                people_present,
            ) % {"count": people_present}
    if errors:
        raise ValidationError(errors)  # type: ignore[arg-type]


def save_workshop(form: ModelForm, attendance: dict[ParticipantGroup, int | None]) -> Workshop:
    """Save a valid WorkshopForm and its attendance counts ({group: count or
    None}; None means the group was not counted) in one transaction. Counts
    that do not fit the people present are refused (ValidationError) and
    nothing is saved."""
    check_attendance(form.instance.people_present, attendance)
    with transaction.atomic():
        workshop = form.save()
        set_attendance(workshop, attendance)
    return workshop


def set_attendance(workshop: Workshop, counts: dict[ParticipantGroup, int | None]) -> None:
    current = {row.group_id: row for row in workshop.attendance.all()}
    for group, count in counts.items():
        row = current.get(group.pk)
        if count is None:
            if row:
                row.delete()
        elif row is None:
            Attendance.objects.create(workshop=workshop, group=group, count=count)
        elif row.count != count:
            row.count = count
            row.save(update_fields=["count"])
