"""The Celery app follows REDIS_URL: a Redis broker when it is set, tasks run
in-process when it is not (the zero set-up default)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django; django.setup(); from config import celery_app as app; "
    "print(app.conf.broker_url, app.conf.task_always_eager)"
)


@pytest.mark.parametrize(
    "redis_url,expected",
    [("", "memory:// True"), ("redis://127.0.0.1:6379/3", "redis://127.0.0.1:6379/3 False")],
)
def test_celery_follows_redis_url(redis_url, expected):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "REDIS_URL": redis_url}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
