"""Batches of printed participant codes, and the residents they let in.

A code is stored only as a keyed hash; its slip number lets a facilitator
withdraw one slip without the code itself being kept.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Neighbourhood, ParticipantGroup


class CodeBatch(models.Model):
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="code_batches",
        verbose_name=_("neighbourhood"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=120, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("batch of participant codes")
        verbose_name_plural = _("batches of participant codes")

    def __str__(self):
        return self.label or f"#{self.pk}"

    def is_expired(self, now=None):
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())


class ParticipantCode(models.Model):
    batch = models.ForeignKey(
        CodeBatch, on_delete=models.CASCADE, related_name="codes", verbose_name=_("batch")
    )
    number = models.PositiveIntegerField(_("slip number"))
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    resident = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant_code",
        verbose_name=_("resident"),
    )

    class Meta:
        ordering = ["batch", "number"]
        verbose_name = _("participant code")
        verbose_name_plural = _("participant codes")
        constraints = [
            models.UniqueConstraint(fields=["batch", "number"], name="one_slip_number_per_batch"),
            # A used code names the resident it made (until they are deleted).
            models.CheckConstraint(
                condition=Q(resident__isnull=True) | Q(used_at__isnull=False),
                name="code_resident_only_when_used",
            ),
        ]

    def __str__(self):
        return f"{self.batch} · {self.number}"


class ResidentProfile(models.Model):
    """What a pseudonymous resident chose to say about themselves: only the
    participant groups they belong to, if they wish."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resident_profile",
        verbose_name=_("resident"),
    )
    groups = models.ManyToManyField(
        ParticipantGroup, blank=True, related_name="+", verbose_name=_("participant groups")
    )

    class Meta:
        verbose_name = _("resident profile")
        verbose_name_plural = _("resident profiles")

    def __str__(self):
        return str(self.user)
