"""The national agenda's principles and requirements, each citing the local
issues and proposals it draws on.

The seed's national agenda was written by reading the local agendas side by
side; a point keeps that reading traceable: from the national text to the
neighbourhoods' own words, and back.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import rules as access
from agendas.models import Agenda, Issue, Section
from core.public_ids import public_id_field
from core.text import localized
from proposals.models import Proposal

# Sections whose items are points of the national agenda.
POINT_KINDS = (Section.Kind.PRINCIPLES, Section.Kind.REQUIREMENTS)


class NationalPointQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.national_point_filter(user))


class NationalPoint(models.Model):
    """One principle or requirement: an item of a list in a national section."""

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="points", verbose_name=_("section")
    )
    public_id = public_id_field()
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("text"), help_text=_("Markdown: **bold** keeps the stressed phrase."))
    # Raised by every save through the editing pages; an editor's save is
    # refused if it moved on since they opened the text (editing.concurrency).
    revision = models.PositiveIntegerField(default=1, editable=False)
    issues = models.ManyToManyField(
        Issue,
        blank=True,
        related_name="national_points",
        verbose_name=_("local issues it draws on"),
    )
    proposals: models.ManyToManyField = models.ManyToManyField(
        Proposal,
        blank=True,
        related_name="national_points",
        verbose_name=_("local proposals it draws on"),
    )

    objects = NationalPointQuerySet.as_manager()

    class Meta:
        ordering = ["section__order", "order", "pk"]
        verbose_name = _("principle or requirement")
        verbose_name_plural = _("principles and requirements")

    def __str__(self):
        return localized(self, "text").text[:80]

    @property
    def kind_label(self):
        if self.section.kind == Section.Kind.PRINCIPLES:
            return _("Principle")
        return _("Requirement")

    def clean(self):
        if self.section_id is None:
            return  # the missing section is the field's own error
        section = self.section
        if section.kind not in POINT_KINDS or section.agenda.scope != Agenda.Scope.NATIONAL:
            raise ValidationError(
                {
                    "section": _(
                        "Principles and requirements belong in a principles or requirements "
                        "section of the national agenda."
                    )
                },
                code="not_a_national_section",
            )

    @property
    def agenda(self):
        # The permission rules reach an item's agenda through `.agenda`.
        return self.section.agenda

    @property
    def agenda_id(self):
        # As an issue or a proposal has it: suggestions and ordering ask for it.
        return self.section.agenda_id
