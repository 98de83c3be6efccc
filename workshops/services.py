"""Writing a workshop and its attendance, as one change."""

from django.db import transaction
from django.forms import ModelForm

from communities.models import ParticipantGroup

from .models import Attendance, Workshop


def save_workshop(form: ModelForm, attendance: dict[ParticipantGroup, int | None]) -> Workshop:
    """Save a valid WorkshopForm and its attendance counts ({group: count or
    None}; None means the group was not counted) in one transaction."""
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
