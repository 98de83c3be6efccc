"""Celery beat's schedule names only tasks a worker knows, and a real worker
runs the clean-up and the purge of residents it schedules."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from booklets.models import ExportJob
from core.cleanup import kinds
from operations.cleanup_tasks import clean_up
from privacy.tasks import purge_residents
from tests.booklets.test_worker import broker, demo, start_worker  # noqa: F401 (fixtures)

from .helpers import write
from .test_cleaning_booklets import job

ROOT = Path(__file__).resolve().parents[2]
# What a worker does on starting: set Django up, then import the tasks
# modules autodiscovery finds.
PROBE = """
import json, django
django.setup()
from django.conf import settings
from config.celery import app
app.loader.import_default_modules()
print(json.dumps({
    "registered": sorted(app.tasks),
    "scheduled": sorted({entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}),
}))
"""


def test_every_scheduled_task_is_one_a_worker_registers():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    assert {"operations.cleanup_tasks.clean_up", "privacy.tasks.purge_residents"} <= set(
        found["scheduled"]
    )
    assert set(found["scheduled"]) <= set(found["registered"]), found["scheduled"]


def test_the_schedule_names_only_kinds_of_clean_up_there_are():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        if entry["task"] == clean_up.name:
            assert set(entry["kwargs"]["kinds"]) <= set(kinds())
    scheduled = {
        kind
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == clean_up.name
        for kind in entry["kwargs"]["kinds"]
    }
    assert scheduled == set(kinds()), "every kind of clean-up runs on a schedule"


def wait_for_success(worker, task, seconds=60):
    done = re.compile(rf"Task {re.escape(task)}\[[^\]]+\] succeeded")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and worker.process.poll() is None:
        if done.search(worker.log()):
            return
        time.sleep(0.2)
    pytest.fail(f"The worker did not run {task}.\nWorker log:\n{worker.log()}")


def test_a_worker_runs_the_scheduled_clean_up_and_purge(demo, start_worker, settings):  # noqa: F811
    worker = start_worker()
    old = job("a" * 64, days=settings.BOOKLET_KEEP_DAYS + 1)
    path = write(settings.BOOKLET_ROOT / f"{'a' * 64}.pdf", days=settings.BOOKLET_KEEP_DAYS + 1)

    clean_up.delay(kinds=["booklets"])
    purge_residents.delay()

    wait_for_success(worker, clean_up.name)
    wait_for_success(worker, purge_residents.name)
    assert not ExportJob.objects.filter(pk=old.pk).exists()
    assert not path.exists()
    assert "Clean-up of booklets: removed {'export jobs': 1, 'booklet files': 1}" in worker.log()


def test_a_kind_that_fails_keeps_none_of_the_others_from_running(settings, tmp_path, db):
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    sheet = write(settings.BOOKLET_ROOT / "code-sheets" / "old.pdf", days=30)
    with pytest.raises(RuntimeError, match="Clean-up failed for: no-such-kind"):
        clean_up.apply(kwargs={"kinds": ["no-such-kind", "code-sheets"]}).get()
    assert not sheet.exists()
