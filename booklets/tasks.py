"""The booklet's background job.

Late acknowledgement with reject-on-worker-lost: if a worker dies midway,
the broker hands the task to another worker, and `render_job` is safe to
run again. The time limits stop a render that hangs; Redis's visibility
timeout (settings) is longer than the hard limit, so a slow render is not
handed out twice while it is still running.
"""

from celery import shared_task
from django.conf import settings

from .services import render_job


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.BOOKLET_SOFT_TIME_LIMIT,
    time_limit=settings.BOOKLET_HARD_TIME_LIMIT,
    ignore_result=True,
)
def render_booklet(job_id):
    render_job(job_id)
