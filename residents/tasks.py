"""The code sheet's background job: the same guarantees as the booklet's
(booklets.tasks): late acknowledgement, handed to another worker if one
dies, and `make_sheet` safe to run again."""

from celery import shared_task
from django.conf import settings

from .sheets import make_sheet


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.BOOKLET_SOFT_TIME_LIMIT,
    time_limit=settings.BOOKLET_HARD_TIME_LIMIT,
    ignore_result=True,
)
def make_code_sheet(sheet_id):
    make_sheet(sheet_id)
