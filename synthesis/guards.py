"""The rule on what a national point cites (synthesis.services.check_cited),
kept on every route that bypasses the services: the shell, a script, a test
that adds citations through the ORM, from either side of the link."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from agendas.models import Issue
from proposals.models import Proposal

from .models import NationalPoint
from .services import check_cited


def _refuse_non_local(model, instance, action, reverse, pk_set):
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # issue.national_points.add(point): the issue is cited
        check_cited(None, [instance])
    else:
        check_cited(instance, model.objects.filter(pk__in=pk_set).select_related("agenda"))


@receiver(m2m_changed, sender=NationalPoint.issues.through)
def refuse_issues_not_local(sender, instance, action, reverse, pk_set, **kwargs):
    _refuse_non_local(Issue, instance, action, reverse, pk_set)


@receiver(m2m_changed, sender=NationalPoint.proposals.through)
def refuse_proposals_not_local(sender, instance, action, reverse, pk_set, **kwargs):
    _refuse_non_local(Proposal, instance, action, reverse, pk_set)
