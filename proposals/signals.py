"""What happens on its own when a proposal or its links change: its agenda
is marked changed, so no page is ever stale. Nothing else: the rule on its
issues is proposals.services' (kept on other routes by proposals.guards)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from agendas.models import Agenda

from .models import Proposal


@receiver(m2m_changed, sender=Proposal.issues.through)
def touch_agenda_on_issues(sender, instance, action, pk_set, **kwargs):
    if action.startswith("post_") and (pk_set or action == "post_clear"):
        Agenda(pk=instance.agenda_id).touch()


@receiver([post_save, post_delete], sender=Proposal)
def touch_agenda(sender, instance, **kwargs):
    Agenda(pk=instance.agenda_id).touch()
