"""Proposal rules that the database cannot state, and cache freshness."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from agendas.models import Agenda, Issue

from .models import Proposal


@receiver(m2m_changed, sender=Proposal.issues.through)
def refuse_issues_of_other_agenda(sender, instance, action, reverse, pk_set, **kwargs):
    """Checked on every add, whichever side it comes from (forms, admin, shell)."""
    if action == "pre_add" and pk_set:
        if reverse:  # issue.proposals.add(proposal, …)
            for proposal in Proposal.objects.filter(pk__in=pk_set).only("agenda_id"):
                proposal.check_issues([instance])
        else:
            instance.check_issues(Issue.objects.filter(pk__in=pk_set).only("agenda_id"))
    elif action.startswith("post_") and (pk_set or action == "post_clear"):
        Agenda(pk=instance.agenda_id).touch()


@receiver([post_save, post_delete], sender=Proposal)
def touch_agenda(sender, instance, **kwargs):
    Agenda(pk=instance.agenda_id).touch()
