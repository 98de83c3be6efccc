"""Celery application.

With REDIS_URL set, tasks go to a Redis broker and run on workers. Without it
(the zero set-up default) the settings make tasks run eagerly, in-process.
"""

import logging.config
import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("hsa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def log_as_the_site_does(loglevel=None, **kwargs):
    """A worker writes its lines as the site does (settings.LOGGING): same
    format, same masking, and the id of the request that sent each task.
    A `--loglevel` more detailed than LOG_LEVEL is honoured (a worker started
    with --loglevel=info says which tasks it ran)."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)
    if loglevel is not None:
        root = logging.getLogger()
        asked = logging.getLevelName(loglevel) if isinstance(loglevel, str) else loglevel
        if isinstance(asked, int) and asked < root.level:
            root.setLevel(asked)
