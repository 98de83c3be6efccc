"""Sheets asked for while the broker was down are sent when a worker starts."""

from celery.signals import worker_ready


@worker_ready.connect
def send_waiting_sheets(**kwargs):
    from .sheets import dispatch_waiting

    dispatch_waiting()
