"""Invitations to a staff role, and the record of every change to who holds
one.

An invitation is the only way into a staff account without the Django admin:
no e-mail server is needed, its secret is handed over in person (a link, or a
short code printed or dictated). Only a keyed hash of the secret is stored.

Users and memberships are not tracked by django-simple-history: a resident
who deletes their data must leave nothing behind. The changes to staff roles
are kept here instead, naming the people by their username at the time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Neighbourhood


class Invitation(models.Model):
    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Facilitator")
        RESEARCHER = "researcher", _("Researcher")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be used")
        USED = "used", _("Used")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="+", verbose_name=_("neighbourhoods")
    )
    note = models.CharField(
        _("note"),
        max_length=80,
        blank=True,
        help_text=_("So that you recognise the invitation, for instance a first name."),
    )
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account made"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["facilitator", "researcher"]), name="invitation_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(used_at__isnull=True) | Q(withdrawn_at__isnull=True),
                name="invitation_used_or_withdrawn_not_both",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(used_at__isnull=False),
                name="invitation_person_only_when_used",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()} · {self.note or self.pk}"

    def state(self, now=None):
        if self.used_at is not None:
            return self.State.USED
        if self.withdrawn_at is not None:
            return self.State.WITHDRAWN
        if self.expires_at <= (now or timezone.now()):
            return self.State.EXPIRED
        return self.State.PENDING


class PeopleEvent(models.Model):
    """One change to who holds a staff role: who did it, to whom, when."""

    class Action(models.TextChoices):
        INVITATION_MADE = "invitation_made", _("Invitation made")
        INVITATION_USED = "invitation_used", _("Invitation used")
        INVITATION_WITHDRAWN = "invitation_withdrawn", _("Invitation withdrawn")
        ROLE_GIVEN = "role_given", _("Role given")
        ROLE_REMOVED = "role_removed", _("Role removed")
        RESET_LINK_MADE = "reset_link_made", _("Password reset link made")
        RESET_LINK_USED = "reset_link_used", _("Password reset link used")

    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("what"), max_length=24, choices=Action.choices)
    # Usernames as they were: the record outlives a renamed or deleted account.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("person"),
    )
    person_name = models.CharField(_("person"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=16, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        related_name="events",
        verbose_name=_("invitation"),
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change to people's roles")
        verbose_name_plural = _("changes to people's roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    action__in=[
                        "invitation_made",
                        "invitation_used",
                        "invitation_withdrawn",
                        "role_given",
                        "role_removed",
                        "reset_link_made",
                        "reset_link_used",
                    ]
                ),
                name="people_event_action_valid",
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} · {self.get_action_display()} · {self.person_name}"

    @property
    def role_label(self):
        return Invitation.Role(self.role).label if self.role in Invitation.Role.values else ""
