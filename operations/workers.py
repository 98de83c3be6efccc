"""Whether background workers are taking jobs, as the web sees it.

A worker notes the time in the database when it starts, when it takes a job
(at most every NOTE_EVERY seconds, so a busy worker costs one write now and
then, not one per job) and when the scheduler's heartbeat reaches it, every
minute. The web compares that time with WORKER_SILENT_AFTER."""

import logging
import time
from datetime import timedelta

from celery import current_app
from celery.signals import task_prerun, worker_ready
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from .models import WorkerSighting

log = logging.getLogger(__name__)

NOTE_EVERY = 15  # seconds; far less than WORKER_SILENT_AFTER
_noted_at = -float(NOTE_EVERY)  # per process: each pool process notes on its own


def tasks_run_in_process():
    """Without a broker (no REDIS_URL) every task runs in the request that
    asks for it: no worker is needed, none is expected."""
    return bool(current_app.conf.task_always_eager)


def note_worker_seen(*, started=False):
    """One write, whether the row exists or not."""
    now = timezone.now()
    fields = {"seen_at": now, **({"started_at": now} if started else {})}
    WorkerSighting.objects.bulk_create(
        [WorkerSighting(**fields)],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=list(fields),
    )


def last_seen():
    """When a worker was last seen taking a job (None: never)."""
    return WorkerSighting.objects.values_list("seen_at", flat=True).first()


def workers_taking_jobs(seen=...):
    """True when a worker was seen within WORKER_SILENT_AFTER seconds, False
    when none was; None when tasks run in-process and no worker is needed.
    `seen` spares the query when the caller read last_seen() already."""
    if tasks_run_in_process():
        return None
    if seen is ...:
        seen = last_seen()
    silent_after = timedelta(seconds=settings.WORKER_SILENT_AFTER)
    return seen is not None and timezone.now() - seen <= silent_after


@worker_ready.connect
def worker_started(**kwargs):
    note_worker_seen(started=True)


@task_prerun.connect
def job_taken(task=None, **kwargs):
    global _noted_at
    if task is not None and task.request.is_eager:
        return  # run in a web request: no worker took it
    if time.monotonic() - _noted_at < NOTE_EVERY:
        return
    _noted_at = time.monotonic()
    try:
        note_worker_seen()
    except DatabaseError as error:
        # The job goes on: it reports a database it cannot use itself.
        log.warning("A worker's sighting could not be noted: %s", error)
