"""Cities, neighbourhoods, the data that describes them, and memberships.

Security dimensions and participant groups are data, not code: a deployment
adds its own without a release.
"""

import zoneinfo

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from core.icons import DIMENSION_ICONS
from core.text import localized


class User(AbstractUser):
    """A person who signs in.

    Admins are superusers; researchers see every neighbourhood. Facilitators
    and residents are such per neighbourhood, through Membership. A resident
    may be pseudonymous: a username and nothing else.
    """

    is_researcher = models.BooleanField(
        _("researcher"),
        default=False,
        help_text=_("Researchers see every neighbourhood, restricted items included."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")


class City(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    state = models.CharField(_("state"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self):
        return localized(self, "name").text


class ParticipantGroup(models.Model):
    """A group of people counted at workshops (women, youths, elderly…)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")

    def __str__(self):
        return localized(self, "name").text


class NeighbourhoodQuerySet(models.QuerySet):
    def with_participant_total(self):
        """Annotate how many people took part, each counted once: the
        first-timers summed over the workshops (someone who comes again is not
        counted again). The number is derived, never typed a second time."""
        return self.annotate(participant_total=Sum("workshops__first_timers", default=0))

    def editable_by(self, user):
        """The neighbourhoods whose work `user` may log (see access.rules)."""
        from access.rules import editable_neighbourhood_filter

        return self.filter(editable_neighbourhood_filter(user))


DEFAULT_TIME_ZONE = "America/Mexico_City"


# The regions of the IANA database whose zones are places; its other names
# (Factory, localtime, GB-Eire, CST6CDT, Etc/GMT+6…) are aliases or artefacts.
PLACE_REGIONS = frozenset(
    {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian",
     "Pacific"}
)  # fmt: skip


def time_zones():
    """The time zones a neighbourhood may keep: places, named as the IANA
    database names them (America/Tijuana, America/Mexico_City…)."""
    return {
        zone
        for zone in zoneinfo.available_timezones()
        if zone.split("/", 1)[0] in PLACE_REGIONS and "/" in zone
    }


def validate_time_zone(value):
    """A time zone of a place in the IANA database."""
    if value not in time_zones():
        raise ValidationError(
            _("“%(value)s” is not a time zone. Choose one from the list, such as America/Tijuana."),
            params={"value": value},
            code="unknown_time_zone",
        )


class Neighbourhood(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        STOPPED = "stopped", _("Work stopped")

    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="neighbourhoods", verbose_name=_("city")
    )
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=160)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    stopped_reason = models.TextField(
        _("why work stopped"),
        blank=True,
        help_text=_("Say why the work could not go on, for instance violence."),
    )
    # Voting rounds open and close at the neighbourhood's own clock time:
    # Tijuana is not Mexico City's time.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_TIME_ZONE,
        validators=[validate_time_zone],
    )
    groups_engaged = models.ManyToManyField(
        ParticipantGroup,
        blank=True,
        related_name="+",
        verbose_name=_("groups spoken to"),
        help_text=_("Groups the team spoke to, where no attendance was recorded."),
    )

    objects = NeighbourhoodQuerySet.as_manager()

    class Meta:
        ordering = ["city__name", "name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["active", "stopped"]),
                name="neighbourhood_status_valid",
            ),
        ]

    def __str__(self):
        return localized(self, "name").text

    @property
    def is_stopped(self):
        return self.status == self.Status.STOPPED


class SecurityDimension(models.Model):
    """A human security dimension (personal, community, economic…)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        help_text=_("A dark colour as #rrggbb; white text must be readable on it."),
    )
    # Drawn beside the dimension's name on pages and in booklets (never
    # instead of it): one of the site's icons, so that it is collected.
    icon = models.CharField(
        _("icon"),
        max_length=40,
        blank=True,
        choices=DIMENSION_ICONS,
        help_text=_("Drawn beside the dimension's name on the agenda pages and in the booklets."),
    )

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("security dimension")
        verbose_name_plural = _("security dimensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9a-f]{6}$"),
                name="dimension_colour_hex",
                violation_error_message=_("Write the colour as # and six hex digits (0-9, a-f)."),
            ),
        ]

    def __str__(self):
        return localized(self, "name").text

    def clean(self):
        self.colour = (self.colour or "").lower()
        super().clean()


class Membership(models.Model):
    """A person's role in one neighbourhood."""

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Facilitator")
        RESIDENT = "resident", _("Resident")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("neighbourhood"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "neighbourhood"],
                name="one_membership_per_person_and_neighbourhood",
                violation_error_message=_("This person already has a role in this neighbourhood."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["facilitator", "resident"]), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.neighbourhood} · {self.get_role_display()}"
