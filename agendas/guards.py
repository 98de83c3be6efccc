"""The rule on an issue's workshops (agendas.services.check_workshops), kept
on every route that bypasses the service: the shell, a script, a test that
adds links through the ORM, from either side of the link."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from workshops.models import Workshop

from .models import Issue
from .services import check_workshops


@receiver(m2m_changed, sender=Issue.workshops.through)
def refuse_workshops_of_other_neighbourhood(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # workshop.issues.add(issue, …)
        for issue in Issue.objects.filter(pk__in=pk_set).select_related("agenda"):
            check_workshops(issue, [instance])
    else:
        check_workshops(instance, Workshop.objects.filter(pk__in=pk_set).only("neighbourhood_id"))
