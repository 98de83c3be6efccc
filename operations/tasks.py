"""Periodic tasks, sent by the scheduler (`celery -A config beat`, see
CELERY_BEAT_SCHEDULE in the settings)."""

from celery import shared_task

from . import sweep
from .workers import note_worker_seen


@shared_task(name="operations.tasks.heartbeat", ignore_result=True)
def heartbeat():
    """A worker that runs this is taking jobs: the web can tell."""
    note_worker_seen()


@shared_task(name="operations.tasks.send_waiting_jobs", ignore_result=True)
def send_waiting_jobs():
    sweep.send_waiting_jobs()
