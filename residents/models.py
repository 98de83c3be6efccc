"""Batches of printed participant codes, the residents they let in, and what
residents chose to say about themselves.

A code is stored only as a keyed hash; its slip number lets a facilitator
withdraw one slip without the code itself being kept.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from booklets.models import Paper
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


def sheet_folder():
    """Where sheets of codes are kept: beside the booklets, which web
    processes and workers share, outside any public URL."""
    return settings.BOOKLET_ROOT / "code-sheets"


class CodeSheet(models.Model):
    """A facilitator's request for a new batch of codes and its printable
    sheet, made in the background. The worker issues the batch and lays out
    its sheet; the sheet is the only place its codes ever exist, so its file
    is kept for its requester only, and only for a while (`is_kept`)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        MAKING = "making", _("Being prepared")
        READY = "ready", pgettext_lazy("a sheet of codes", "Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="code_sheets",
        verbose_name=_("neighbourhood"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="code_sheets",
        verbose_name=_("requested by"),
    )
    count = models.PositiveIntegerField(_("number of codes"))
    days = models.PositiveIntegerField(_("valid for (days)"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=120, blank=True)
    paper = models.CharField(_("paper"), max_length=8, choices=Paper.choices)
    # The address the facilitator used: printed on the slips and in their QR codes.
    site_url = models.CharField(max_length=200, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    # False while the broker could not be reached: the job waits to be sent.
    dispatched = models.BooleanField(default=False, editable=False)
    batch = models.OneToOneField(
        CodeBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sheet",
        verbose_name=_("batch"),
    )
    error = models.TextField(blank=True, editable=False)
    attempts = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    finished_at = models.DateTimeField(_("made"), null=True, blank=True)
    downloaded_at = models.DateTimeField(_("first downloaded"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sheet of participant codes")
        verbose_name_plural = _("sheets of participant codes")
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1, count__lte=500), name="code_sheet_count_valid"
            ),
            models.CheckConstraint(
                condition=Q(paper__in=["a4", "letter"]), name="code_sheet_paper_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "making", "ready", "failed"]),
                name="code_sheet_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.neighbourhood} · {self.count}"

    @property
    def is_finished(self):
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def file_path(self):
        return sheet_folder() / f"{self.pk}.pdf"

    @property
    def kept_until(self):
        """When the sheet's file is deleted at the latest."""
        if self.finished_at is None:
            return None
        return self.finished_at + timedelta(hours=settings.CODE_SHEET_KEEP_HOURS)

    def delete_file(self):
        """Delete the sheet's file; its batch stays, its codes now only in print."""
        self.file_path.unlink(missing_ok=True)

    def is_kept(self):
        return self.status == self.Status.READY and self.file_path.exists()

    def status_label(self):
        """The status as its page says it: a ready sheet whose file is gone is deleted."""
        if self.status == self.Status.READY and not self.file_path.exists():
            return pgettext("a sheet of codes", "Deleted")
        return self.get_status_display()

    def filename(self):
        return f"codes-{self.neighbourhood.slug}-{self.batch_id}.pdf"


class SensitiveGroup(models.Model):
    """A participant group whose membership is sensitive personal data
    (LFPDPPP: ethnic origin…). Residents are asked about it only after
    express consent, and withdrawing consent deletes the answer.

    Kept beside the group rather than on it so that which groups are
    sensitive stays data an administrator sets, not names in code."""

    group = models.OneToOneField(
        ParticipantGroup,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="sensitivity",
        verbose_name=_("participant group"),
    )

    class Meta:
        verbose_name = _("sensitive participant group")
        verbose_name_plural = _("sensitive participant groups")

    def __str__(self):
        return str(self.group)


class ResidentProfile(models.Model):
    """What a pseudonymous resident chose to say about themselves: only the
    participant groups they belong to, if they wish, and — for sensitive
    groups — when they consented to being asked, under which version of the
    privacy notice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resident_profile",
        verbose_name=_("resident"),
    )
    groups = models.ManyToManyField(
        ParticipantGroup, blank=True, related_name="+", verbose_name=_("participant groups")
    )
    notice_version_read = models.PositiveIntegerField(
        _("privacy notice shown on joining"), null=True, blank=True
    )
    consent_given_at = models.DateTimeField(
        _("consent to sensitive questions"), null=True, blank=True
    )
    consent_notice_version = models.PositiveIntegerField(
        _("privacy notice consented to"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("resident profile")
        verbose_name_plural = _("resident profiles")
        constraints = [
            # A consent says when and under which notice, or it is no consent.
            models.CheckConstraint(
                condition=Q(consent_given_at__isnull=True, consent_notice_version__isnull=True)
                | Q(consent_given_at__isnull=False, consent_notice_version__isnull=False),
                name="consent_has_date_and_notice",
            ),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def has_consented(self):
        return self.consent_given_at is not None
