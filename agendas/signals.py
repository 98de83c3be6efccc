"""Keep Agenda.updated_at current when anything shown on an agenda page
changes, so that cached agenda pages never show stale text."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from communities.models import City, Neighbourhood, SecurityDimension
from workshops.models import Attendance, Workshop

from .models import Agenda, Issue, Section


@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Issue)
def touch_agenda(sender, instance, **kwargs):
    Agenda(pk=instance.agenda_id).touch()


@receiver(m2m_changed, sender=Issue.related_dimensions.through)
def touch_agenda_on_dimensions(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Issue):
        Agenda(pk=instance.agenda_id).touch()


@receiver([post_save, post_delete], sender=Workshop)
def touch_agendas_of_workshop(sender, instance, **kwargs):
    Agenda.objects.filter(neighbourhood_id=instance.neighbourhood_id).update(
        updated_at=timezone.now()
    )


@receiver([post_save, post_delete], sender=Attendance)
def touch_agendas_of_attendance(sender, instance, **kwargs):
    Agenda.objects.filter(neighbourhood__workshops=instance.workshop_id).update(
        updated_at=timezone.now()
    )


@receiver([post_save, post_delete], sender=SecurityDimension)
@receiver([post_save, post_delete], sender=City)
@receiver([post_save, post_delete], sender=Neighbourhood)
def touch_all_agendas(sender, **kwargs):
    # Rare edits to shared data: every agenda page may show them.
    Agenda.objects.update(updated_at=timezone.now())
