"""The rule on a proposal's issues (proposals.services.check_issues), kept
on every route that bypasses the service: the shell, a script, a test that
adds links through the ORM, from either side of the link."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from agendas.models import Issue

from .models import Proposal
from .services import check_issues


@receiver(m2m_changed, sender=Proposal.issues.through)
def refuse_issues_of_other_agenda(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # issue.proposals.add(proposal, …)
        for proposal in Proposal.objects.filter(pk__in=pk_set).only("agenda_id"):
            check_issues(proposal, [instance])
    else:
        check_issues(instance, Issue.objects.filter(pk__in=pk_set).only("agenda_id"))
