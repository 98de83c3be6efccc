"""A tally's dots are shown on its agenda's page: keep that page fresh."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from agendas.models import Agenda

from .models import PaperTally, TallyCount


@receiver([post_save, post_delete], sender=PaperTally)
def touch_agenda_of_tally(sender, instance, **kwargs):
    Agenda(pk=instance.agenda_id).touch()


@receiver([post_save, post_delete], sender=TallyCount)
def touch_agenda_of_count(sender, instance, **kwargs):
    Agenda.objects.filter(tallies=instance.tally_id).touch()
