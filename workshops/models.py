"""Workshops and their attendance, counted per participant group.

Attendance is numbers only: the people who come to a workshop are never
listed by name here.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access import rules as access
from communities.models import Neighbourhood, ParticipantGroup
from core.public_ids import public_id_field
from core.text import localized


class WorkshopQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The workshops `user` may see whole; what anyone may read of the
        others is workshops.public's projection."""
        return self.filter(access.workshop_filter(user))


class Workshop(models.Model):
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("neighbourhood"),
    )
    public_id = public_id_field()
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Leave empty only if it was not recorded.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    method = models.TextField(_("method"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # People are counted once: groups overlap (a young woman is among the
    # women and the youths), so the groups' counts never add up to this.
    people_present = models.PositiveIntegerField(
        _("people present"),
        null=True,
        blank=True,
        help_text=_("How many people took part, each counted once."),
    )
    first_timers = models.PositiveIntegerField(
        _("of whom came for the first time"),
        null=True,
        blank=True,
        help_text=_(
            "The neighbourhood's participants are the first-timers of all its "
            "workshops: people who come again are not counted twice."
        ),
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="facilitated_workshops",
        verbose_name=_("facilitators"),
    )

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_timers__isnull=True)
                | Q(people_present__isnull=False, first_timers__lte=models.F("people_present")),
                name="first_timers_within_people_present",
                violation_error_message=_(
                    "No more people can come for the first time than were present."
                ),
            ),
        ]

    def __str__(self):
        return localized(self, "title").text


class AttendanceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.attendance_filter(user))


class Attendance(models.Model):
    """How many people of one group came to a workshop."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("workshop")
    )
    group = models.ForeignKey(
        ParticipantGroup,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("participant group"),
    )
    count = models.IntegerField(_("number of people"))

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["group__order"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "group"],
                name="one_attendance_count_per_group",
                violation_error_message=_("This group is already counted for this workshop."),
            ),
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="attendance_count_not_negative",
                violation_error_message=_("The number of people cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.group}: {self.count}"
