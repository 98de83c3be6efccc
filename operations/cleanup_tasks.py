"""The scheduled clean-up as Celery tasks (config/settings/base.py's
CELERY_BEAT_SCHEDULE runs them). Imported by OperationsConfig.ready(), so
that every worker knows them."""

import logging

from celery import shared_task

from . import cleanup

log = logging.getLogger(__name__)


@shared_task(name="operations.cleanup_tasks.clean_up", ignore_result=True)
def clean_up(kinds: list[str] | None = None) -> dict[str, int]:
    """Run the named kinds of clean-up (all by default); returns how many
    things each removed, and logs it."""
    removed = {}
    for removal in cleanup.clean_up(kinds):
        removed[removal.kind] = removal.total
        log.info("Clean-up of %s: removed %s", removal.kind, removal.counts or "nothing")
    return removed
