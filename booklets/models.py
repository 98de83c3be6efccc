"""Requests for a printed booklet of an agenda, rendered in the background.

A job belongs to the person who asked for it (their account, or their
browser session when they are not signed in); only they can follow it and
download its file. Files are named by a hash of what they contain, so that
identical requests share one file until the agenda changes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda


class Edition(models.TextChoices):
    PUBLIC = "public", _("Public edition")
    INTERNAL = "internal", _("Internal edition (confidential)")


class Paper(models.TextChoices):
    A4 = "a4", _("A4")
    LETTER = "letter", _("Letter")


class Format(models.TextChoices):
    """What a booklet is made as: a PDF to print, or a Word document that a
    team finishes by hand."""

    PDF = "pdf", _("PDF booklet")
    DOCX = "docx", _("Word document (DOCX)")


# Each format's file: its suffix and Content-Type.
SUFFIXES = {Format.PDF: "pdf", Format.DOCX: "docx"}
CONTENT_TYPES = {
    Format.PDF: "application/pdf",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="export_jobs", verbose_name=_("agenda")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="export_jobs",
        verbose_name=_("requested by"),
    )
    # For visitors who are not signed in: a hash of their session key.
    session_hash = models.CharField(max_length=64, blank=True, editable=False)
    edition = models.CharField(_("edition"), max_length=16, choices=Edition.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    paper = models.CharField(_("paper"), max_length=8, choices=Paper.choices)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices, default=Format.PDF)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    # False while the broker could not be reached: the job waits to be sent.
    dispatched = models.BooleanField(default=False, editable=False)
    content_key = models.CharField(max_length=64, blank=True, editable=False)
    error = models.TextField(blank=True, editable=False)
    attempts = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("booklet export")
        verbose_name_plural = _("booklet exports")
        indexes = [models.Index(fields=["content_key", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_by__isnull=False) | ~Q(session_hash=""),
                name="export_job_has_an_owner",
            ),
            models.CheckConstraint(
                condition=Q(edition__in=["public", "internal"]), name="export_edition_valid"
            ),
            models.CheckConstraint(
                condition=Q(paper__in=["a4", "letter"]), name="export_paper_valid"
            ),
            models.CheckConstraint(
                condition=Q(format__in=["pdf", "docx"]), name="export_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "rendering", "ready", "failed"]),
                name="export_status_valid",
            ),
            # The internal edition names who exported it: never anonymous.
            models.CheckConstraint(
                condition=~Q(edition="internal") | Q(requested_by__isnull=False),
                name="internal_export_has_a_person",
            ),
        ]

    def __str__(self):
        return (
            f"{self.agenda} · {self.get_edition_display()} · {self.language} · {self.paper}"
            f" · {self.format}"
        )

    @property
    def is_finished(self):
        return self.status in (self.Status.READY, self.Status.FAILED)

    @property
    def file_path(self):
        if not self.content_key:
            return None
        return settings.BOOKLET_ROOT / f"{self.content_key}.{self.suffix}"

    @property
    def suffix(self):
        return SUFFIXES[Format(self.format)]

    @property
    def content_type(self):
        return CONTENT_TYPES[Format(self.format)]

    def has_file(self):
        path = self.file_path
        return bool(path) and path.exists()

    def filename(self):
        suffix = "-confidential" if self.edition == Edition.INTERNAL else ""
        return f"{self.agenda.slug}-{self.language}-{self.paper}{suffix}.{self.suffix}"
