"""The periodic sweep: jobs that wait for a worker are sent to one without
anyone having to reopen their page.

Two kinds of job wait: those asked for while the broker was down (never
sent: `dispatched` is false), and those sent to a broker that then lost
them, restarting empty (sent, still queued long after, and no longer in the
broker). A job still in the broker is never sent again: a second message
could reach a second worker while the first one works on the job."""

import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from booklets.services import QUEUE as BOOKLETS
from residents.sheets import QUEUE as CODE_SHEETS

from .broker import messages_held

QUEUES = (BOOKLETS, CODE_SHEETS)
# The broker is read twice, this many seconds apart, before a job is called
# lost: a worker moves a message from the queue to the taken ones in two
# steps, and between them it is in neither.
LOOK_AGAIN_AFTER = 2


def send_waiting_jobs():
    """Send the jobs never sent and those the broker lost; returns how many."""
    return sum(queue.dispatch_waiting() for queue in QUEUES) + send_lost_jobs()


def send_lost_jobs():
    cutoff = timezone.now() - timedelta(seconds=settings.JOB_LOST_AFTER)
    suspects = [
        (queue, str(pk))
        for queue in QUEUES
        for pk in queue.model.objects.filter(
            status="queued", dispatched=True, created_at__lt=cutoff
        ).values_list("pk", flat=True)
    ]
    if not suspects:
        return 0
    first = messages_held()
    if first is None:  # cannot tell: sending again could run a job twice
        return 0
    time.sleep(LOOK_AGAIN_AFTER)
    second = messages_held()
    if second is None:
        return 0
    lost = [(queue, pk) for queue, pk in suspects if pk.encode() not in first + second]
    return sum(queue.send_again(pk) for queue, pk in lost)
