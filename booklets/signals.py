"""Jobs asked for while the broker was down are sent when a worker starts."""

from celery.signals import worker_ready


@worker_ready.connect
def send_waiting_jobs(**kwargs):
    from .services import dispatch_waiting

    dispatch_waiting()
