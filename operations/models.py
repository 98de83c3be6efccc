from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerSighting(models.Model):
    """When a background worker was last seen taking a job, and when one
    last started: one row for the whole site, written by the workers and
    read by the web (readiness, the pages of waiting jobs)."""

    ONLY = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ONLY, editable=False)
    seen_at = models.DateTimeField(_("last seen taking a job"), null=True, blank=True)
    started_at = models.DateTimeField(_("last started"), null=True, blank=True)

    class Meta:
        verbose_name = _("background worker sighting")
        verbose_name_plural = _("background worker sightings")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_worker_sighting")]

    def __str__(self):
        return str(_("Background workers"))
