"""Proposals, each addressed to one actor and linked to issues of its agenda."""

from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from access import rules as access
from agendas.models import Agenda, Issue
from core.public_ids import public_id_field
from core.text import localized


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.proposal_filter(user))


class Proposal(models.Model):
    class Actor(models.TextChoices):
        # The order is the order of the seed's booklets and of the pages.
        AUTHORITIES = "authorities", _("The authorities")
        CIVIL_SOCIETY = "civil_society", _("Civil society organisations")
        COMMUNITY = "community", _("The community")

    # Headings of the proposals addressed to each actor, as the booklets say them.
    HEADINGS: dict[str, Promise] = {
        Actor.AUTHORITIES: _("Proposals for the authorities"),
        Actor.CIVIL_SOCIETY: _("Proposals for civil society organisations"),
        Actor.COMMUNITY: _("Proposals for the community"),
    }

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("agenda")
    )
    public_id = public_id_field()
    actor = models.CharField(_("addressed to"), max_length=16, choices=Actor.choices)
    text = models.TextField(
        _("text"), help_text=_("Markdown: **bold** keeps the phrase the proposal stresses.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # Raised by every save through the editing pages; an editor's save is
    # refused if it moved on since they opened the text (editing.concurrency).
    revision = models.PositiveIntegerField(default=1, editable=False)
    issues = models.ManyToManyField(
        Issue, blank=True, related_name="proposals", verbose_name=_("issues")
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["agenda", "order", "pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__in=["authorities", "civil_society", "community"]),
                name="proposal_actor_valid",
            ),
        ]

    def __str__(self):
        return localized(self, "text").text[:80]
