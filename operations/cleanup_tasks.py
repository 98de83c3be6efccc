"""The scheduled clean-up as Celery tasks (config/settings/base.py's
CELERY_BEAT_SCHEDULE runs them). Imported by OperationsConfig.ready(), so
that every worker knows them."""

import logging

from celery import shared_task

from core.cleanup import kinds as registered_kinds

from . import cleanup

log = logging.getLogger(__name__)


@shared_task(name="operations.cleanup_tasks.clean_up", ignore_result=True)
def clean_up(kinds: list[str] | None = None) -> dict[str, int]:
    """Run the named kinds of clean-up (every registered one by default) and
    log what each removed; returns how many things each removed. A kind
    that fails does not keep the others from running: the task fails once
    they have all run, and the log says which one."""
    removed = {}
    failed = []
    for kind in list(registered_kinds()) if kinds is None else kinds:
        try:
            [removal] = cleanup.clean_up([kind])
        except Exception:
            log.exception("Clean-up of %s failed", kind)
            failed.append(kind)
            continue
        removed[removal.kind] = removal.total
        log.info("Clean-up of %s: removed %s", removal.kind, removal.counts)
    if failed:
        raise RuntimeError(f"Clean-up failed for: {', '.join(failed)}")
    return removed
