"""A closed vote's result is shown on its agenda's page (voting.public):
keep that page fresh when a vote is added, changed or deleted. Closing by
hand writes with an update, which sends no signal: voting.services.close_round
retires the pages itself."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from agendas.cache import content_changed

from .models import VotingRound


@receiver([post_save, post_delete], sender=VotingRound)
def round_changed(sender, **kwargs):
    content_changed()
