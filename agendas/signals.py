"""What happens on its own when a row changes: agendas' `updated_at` and the
page cache's generation are kept current when anything shown on an agenda
page changes, so no page is ever stale. Nothing else: the rules on an
issue's links are agendas.services' (kept on other routes by agendas.guards),
and each record of the history is stamped by history.signals."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension
from workshops.models import Attendance, Workshop

from .cache import content_changed
from .models import Agenda, Colophon, Issue, Section


@receiver([post_save, post_delete], sender=Agenda)
def agenda_changed(sender, **kwargs):
    content_changed()


@receiver([post_save, post_delete], sender=Colophon)
@receiver([post_save, post_delete], sender=Section)
@receiver([post_save, post_delete], sender=Issue)
def touch_agenda(sender, instance, **kwargs):
    Agenda(pk=instance.agenda_id).touch()


@receiver(m2m_changed, sender=Issue.related_dimensions.through)
def touch_agenda_on_dimensions(sender, instance, action, pk_set, **kwargs):
    if action.startswith("post_") and (pk_set or action == "post_clear"):
        if isinstance(instance, Issue):
            Agenda(pk=instance.agenda_id).touch()
        else:
            content_changed()


@receiver([post_save, post_delete], sender=Workshop)
def touch_agendas_of_workshop(sender, instance, **kwargs):
    Agenda.objects.filter(neighbourhood_id=instance.neighbourhood_id).touch()


@receiver([post_save, post_delete], sender=Attendance)
def touch_agendas_of_attendance(sender, instance, **kwargs):
    Agenda.objects.filter(neighbourhood__workshops=instance.workshop_id).touch()


@receiver([post_save, post_delete], sender=SecurityDimension)
@receiver([post_save, post_delete], sender=City)
@receiver([post_save, post_delete], sender=Neighbourhood)
@receiver([post_save, post_delete], sender=ParticipantGroup)
def shared_data_changed(sender, **kwargs):
    # Rare edits to data that every page may show.
    content_changed()
