"""Citations are checked on every route (forms, admin, shell), and any change
to a point shows at once on the national page and on the pages it cites."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from agendas.cache import content_changed
from agendas.models import Issue
from proposals.models import Proposal

from .models import NationalPoint


@receiver([post_save, post_delete], sender=NationalPoint)
def point_changed(sender, **kwargs):
    content_changed()


def _refuse_non_local(model, instance, action, reverse, pk_set):
    if action == "pre_add" and pk_set:
        if reverse:  # issue.national_points.add(point): the issue is cited
            NationalPoint.check_citations([instance])
        else:
            cited = model.objects.filter(pk__in=pk_set).select_related("agenda")
            NationalPoint.check_citations(cited)
    elif action.startswith("post_"):
        content_changed()


@receiver(m2m_changed, sender=NationalPoint.issues.through)
def issues_cited(sender, instance, action, reverse, pk_set, **kwargs):
    _refuse_non_local(Issue, instance, action, reverse, pk_set)


@receiver(m2m_changed, sender=NationalPoint.proposals.through)
def proposals_cited(sender, instance, action, reverse, pk_set, **kwargs):
    _refuse_non_local(Proposal, instance, action, reverse, pk_set)
