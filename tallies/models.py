"""Paper tallies: the dots (stickers) each issue received on a workshop's flip
chart, typed in afterwards, with how many people voted.

The rules of what a flip chart can possibly show live in
`PaperTally.check_counts`, shared by the form, the admin and the tests.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda, Issue
from workshops.models import Workshop


class PaperTally(models.Model):
    """One workshop's vote on one agenda's issues."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="tallies", verbose_name=_("workshop")
    )
    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="tallies", verbose_name=_("agenda")
    )
    voters = models.PositiveIntegerField(_("people who voted"))
    dots_per_voter = models.PositiveIntegerField(
        _("dots each person had"),
        null=True,
        blank=True,
        help_text=_("Leave empty if people could place as many dots as they liked."),
    )
    max_dots_per_issue = models.PositiveIntegerField(
        _("most dots one person could put on one issue"),
        null=True,
        blank=True,
        help_text=_("Leave empty if there was no such limit."),
    )

    class Meta:
        ordering = ["workshop", "agenda"]
        verbose_name = _("paper tally")
        verbose_name_plural = _("paper tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "agenda"],
                name="one_tally_per_workshop_and_agenda",
                violation_error_message=_("This workshop already has a tally for this agenda."),
            ),
            models.CheckConstraint(
                condition=Q(dots_per_voter__isnull=True) | Q(dots_per_voter__gte=1),
                name="tally_dots_per_voter_positive",
            ),
            models.CheckConstraint(
                condition=Q(max_dots_per_issue__isnull=True) | Q(max_dots_per_issue__gte=1),
                name="tally_max_dots_per_issue_positive",
            ),
        ]

    def __str__(self):
        return f"{self.workshop} · {self.agenda}"

    def clean(self):
        if (
            self.agenda_id
            and self.workshop_id
            and self.agenda.neighbourhood_id != self.workshop.neighbourhood_id
        ):
            raise ValidationError(
                _("A workshop can only vote on the agenda of its own neighbourhood.")
            )
        each, most_on_one = self.dots_per_voter, self.max_dots_per_issue
        if each and most_on_one and most_on_one > each:
            raise ValidationError(
                {
                    "max_dots_per_issue": _(
                        "No one can put more dots on one issue than they had in all."
                    )
                }
            )

    def check_counts(self, counts, *, attended=None):
        """Raise ValidationError unless `counts` (key -> dots) could have come
        from `self.voters` people voting by this tally's rules; an issue's error
        comes back under its key. `attended` is the number of people recorded
        at the workshop, when known."""
        errors = {}
        if attended is not None and self.voters > attended:
            errors["voters"] = _(
                "More people voted than the %(count)d recorded at the workshop."
            ) % {"count": attended}
        for issue, dots in counts.items():
            if dots < 0:
                errors[issue] = _("The number of dots cannot be negative.")
            elif self.max_dots_per_issue and dots > self.voters * self.max_dots_per_issue:
                errors[issue] = _(
                    "At most %(most)d dots: %(voters)d people × %(each)d dots on one issue."
                ) % {
                    "most": self.voters * self.max_dots_per_issue,
                    "voters": self.voters,
                    "each": self.max_dots_per_issue,
                }
            elif self.dots_per_voter and dots > self.voters * self.dots_per_voter:
                errors[issue] = _(
                    "At most %(most)d dots: %(voters)d people × %(each)d dots each."
                ) % {
                    "most": self.voters * self.dots_per_voter,
                    "voters": self.voters,
                    "each": self.dots_per_voter,
                }
            elif dots and not self.voters:
                errors[issue] = _("There are dots but no one voted.")
        total = sum(dots for dots in counts.values() if dots > 0)
        if self.dots_per_voter and total > self.voters * self.dots_per_voter:
            errors.setdefault(
                "__all__",
                _(
                    "%(total)d dots in all, but %(voters)d people with %(each)d dots each "
                    "could place at most %(most)d."
                )
                % {
                    "total": total,
                    "voters": self.voters,
                    "each": self.dots_per_voter,
                    "most": self.voters * self.dots_per_voter,
                },
            )
        if errors:
            raise ValidationError(errors)


class TallyCount(models.Model):
    """The dots one issue received in one tally."""

    tally = models.ForeignKey(
        PaperTally, on_delete=models.CASCADE, related_name="counts", verbose_name=_("tally")
    )
    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="tally_counts", verbose_name=_("issue")
    )
    dots = models.PositiveIntegerField(_("dots"))

    class Meta:
        ordering = ["tally", "issue__order"]
        verbose_name = _("dots on an issue")
        verbose_name_plural = _("dots on issues")
        constraints = [
            models.UniqueConstraint(
                fields=["tally", "issue"], name="one_count_per_issue_per_tally"
            ),
        ]

    def __str__(self):
        return f"{self.issue}: {self.dots}"
