"""What happens on its own when a national point or what it cites changes:
it shows at once on the national page and on the pages it cites. Nothing
else: the rule on citations is synthesis.services' (kept on other routes by
synthesis.guards)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from agendas.cache import content_changed

from .models import NationalPoint


@receiver([post_save, post_delete], sender=NationalPoint)
def point_changed(sender, **kwargs):
    content_changed()


@receiver(m2m_changed, sender=NationalPoint.issues.through)
@receiver(m2m_changed, sender=NationalPoint.proposals.through)
def citations_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        content_changed()
