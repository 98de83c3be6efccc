"""Sending a background job to a worker, shared by every kind of job kept
as a row (booklets, sheets of participant codes): a job asked for while the
broker is down is kept, undispatched, and sent when someone looks at it,
when a worker starts, or by the periodic sweep."""

import logging
from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)


def job_task(name):
    """A job's task, under its stable `name` (the one queued jobs carry).
    Late acknowledgement with reject-on-worker-lost: if a worker dies
    midway, the broker hands the task to another worker, and the job's
    function must be safe to run again. The time limits stop a render that
    hangs; Redis's visibility timeout (settings) is longer than the hard
    limit, so a slow render is not handed out twice while it is still
    running."""
    return shared_task(
        name=name,
        acks_late=True,
        reject_on_worker_lost=True,
        soft_time_limit=settings.BOOKLET_SOFT_TIME_LIMIT,
        time_limit=settings.BOOKLET_HARD_TIME_LIMIT,
        ignore_result=True,
    )


def send(task, job_model, job_id):
    """Send one job to a worker; False when someone else sent it already, or
    when the broker cannot be reached (the job still waiting). The job is
    marked sent before its message leaves, so that two senders at once (its
    page, a worker starting, the periodic sweep) never send it twice; the
    mark is taken back when the broker cannot be reached."""
    if not job_model.objects.filter(pk=job_id, dispatched=False).update(dispatched=True):
        return False
    try:
        task.apply_async(args=[str(job_id)], retry=False)
    except OperationalError as error:  # the broker is down or unreachable
        log.warning("%s %s waits for the broker: %s", job_model.__name__, job_id, error)
        job_model.objects.filter(pk=job_id, status="queued").update(dispatched=False)
        return False
    return True


def send_again(task, job_model, job_id):
    """Send once more a job that was sent but never taken, when the broker
    lost its message (it restarted empty); only while it is still queued."""
    lost = job_model.objects.filter(pk=job_id, status="queued", dispatched=True)
    return bool(lost.update(dispatched=False)) and send(task, job_model, job_id)


def send_if_waiting(job, dispatch):
    """Looking at a job asked for while the broker was down sends it again
    (with `dispatch`, the job kind's sender); the job is refreshed if sent."""
    if job.status == "queued" and not job.dispatched and dispatch(job.pk):
        job.refresh_from_db()


def take(job_model, job_id, working, *related):
    """Lock a job's row and mark it taken by this worker: `working` status,
    one more attempt. Returns (job, taken); a missing job is (None, False),
    a finished one is returned untaken, so running a job twice does nothing
    the second time. The related rows are read, not locked."""
    with transaction.atomic():
        job = (
            job_model.objects.select_for_update(of=("self",))
            .select_related(*related)
            .filter(pk=job_id)
            .first()
        )
        if job is None or job.status == "ready":
            return job, False
        job.status = working
        job.attempts += 1
        job.dispatched = True
        job.save(update_fields=["status", "attempts", "dispatched"])
    return job, True


def failed(job_model, job_id, error):
    """Say that a job failed, and why, for the page that shows it."""
    job_model.objects.filter(pk=job_id).update(
        status="failed", error=str(error)[:500], finished_at=timezone.now()
    )


@dataclass(frozen=True)
class Queue:
    """One kind of job (a booklet, a sheet of codes) and the task that does
    it: sending, sending what waits for the broker, trying again."""

    task: object
    model: type

    def dispatch(self, job_id):
        """Send the job to a worker. When the broker cannot be reached the
        job stays queued and undispatched; it is sent again when someone
        looks at it, when a worker starts, or by the periodic sweep."""
        return send(self.task, self.model, job_id)

    def dispatch_waiting(self):
        return send_waiting(self.task, self.model)

    def retry(self, job):
        return retry(self.task, self.model, job)

    def send_again(self, job_id):
        return send_again(self.task, self.model, job_id)


def send_waiting(task, job_model):
    """Send every job of this kind that could not be sent yet; returns how many were."""
    waiting = job_model.objects.filter(status="queued", dispatched=False)
    return sum(send(task, job_model, pk) for pk in waiting.values_list("pk", flat=True))


def retry(task, job_model, job):
    """Queue a failed job again; it is sent once the caller's transaction
    commits. Returns whether it was failed (and so queued again)."""
    updated = job_model.objects.filter(pk=job.pk, status="failed").update(
        status="queued", dispatched=False, error=""
    )
    if updated:
        transaction.on_commit(lambda: send(task, job_model, job.pk))
    return bool(updated)
