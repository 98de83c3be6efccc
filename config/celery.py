"""Celery application.

With REDIS_URL set, tasks go to a Redis broker and run on workers. Without it
(the zero set-up default) the settings make tasks run eagerly, in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("hsa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
