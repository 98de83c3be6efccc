"""The purge of residents as a Celery task, where Celery looks for it:
config/settings/base.py's CELERY_BEAT_SCHEDULE runs it every night."""

import logging

from celery import shared_task

from .retention import purge_residents as purge

log = logging.getLogger(__name__)


@shared_task(name="privacy.tasks.purge_residents", ignore_result=True)
def purge_residents() -> int:
    """Delete the residents kept past RESIDENT_RETENTION_DAYS; returns how many."""
    purged = len(purge())
    log.info("Purged %d resident(s) past RESIDENT_RETENTION_DAYS.", purged)
    return purged
