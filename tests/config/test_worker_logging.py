"""A Celery worker writes the site's log lines (settings.LOGGING, through
config.celery), and a task's lines carry the id of the request that sent it."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.redis_server import OwnRedis

ROOT = Path(__file__).resolve().parents[2]
REQUEST_ID = "0b7e5c1a-9d2f-4e3b-8a6c-1f2e3d4c5b6a"
JOB = "3f2a0000-0000-4000-8000-000000000000"
LINE = re.compile(r"^\S+Z (INFO|WARNING|ERROR) \S+ \[(\S+)\] ", re.M)
# Sent as a page sends a job: within a request, whose id django-guid holds.
SEND = (
    "import django; django.setup(); from django_guid import set_guid; "
    f"set_guid('{REQUEST_ID}'); from booklets.services import render_booklet; "
    f"render_booklet.apply_async(args=['{JOB}'], retry=False)"
)


@pytest.fixture
def broker(tmp_path):
    """A Redis of the test's own, so that the test runs with or without the suite's."""
    server = OwnRedis(tmp_path)
    server.start()
    yield server.url
    server.close()


def test_a_workers_lines_are_the_sites_and_a_task_carries_its_requests_id(broker, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "REDIS_URL": broker,
        "LOG_LEVEL": "INFO",
        # A database without the job's table: the render fails at once and says so.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    output = tmp_path / "worker.log"
    with output.open("w") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency", "1"]
            + ["--without-heartbeat", "--without-mingle", "--without-gossip"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        sent = subprocess.run(
            [sys.executable, "-c", SEND], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert sent.returncode == 0, sent.stderr
        deadline = time.monotonic() + 60
        while " celery.app.trace " not in output.read_text():
            assert worker.poll() is None and time.monotonic() < deadline, output.read_text()
            time.sleep(0.1)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    lines = output.read_text()
    assert "celery.worker.consumer.connection [-] Connected to" in lines
    failure = next(line for line in lines.splitlines() if " celery.app.trace " in line)
    assert re.match(rf"\S+Z ERROR celery\.app\.trace \[{REQUEST_ID}\] Task booklets", failure)
