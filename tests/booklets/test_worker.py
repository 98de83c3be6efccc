"""A real Celery worker, started as a process of its own, prepares the
booklets asked for on the site; a booklet asked for while the broker was down
is prepared as soon as a worker starts.

The worker shares the test database and the booklets' folder with the test.
Its broker is Redis when REDIS_URL is set (another database number than the
suite's), otherwise a folder-based broker in a temporary folder, so that this
runs both with PostgreSQL + Redis and with SQLite alone.
"""

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from pypdf import PdfReader

from agendas.models import Agenda
from booklets.models import ExportJob
from booklets.tasks import render_booklet
from communities.models import Neighbourhood
from config.celery import app
from demo.loader import load_demo
from residents.models import CodeSheet
from tests.helpers import DEAD_BROKER, EN

from ..residents.helpers import assert_sheet_of
from . import celery_conf

ROOT = Path(__file__).resolve().parents[2]
SLUG = "lazaro-cardenas"
FORM = f"/agendas/{SLUG}/booklet/"
WAIT_SECONDS = 60

# The project's `celery worker` command, with the broker the test chose laid
# over the settings: the settings cannot name a folder-based broker, nor a
# Redis database other than REDIS_URL's.
WORKER = """
import json, os
from config.celery import app
app.conf.update(json.loads(os.environ["BOOKLET_TEST_CELERY"]))
app.worker_main([
    "worker", "--pool=solo", "--concurrency=1", "--loglevel=info",
    "--without-mingle", "--without-gossip", "--without-heartbeat",
])
"""


def broker_for_the_worker(folder):
    redis_url = settings.REDIS_URL
    if redis_url:
        # The next Redis database: not the one the suite's other tests send to.
        parts = urlsplit(redis_url)
        number = (int(parts.path.strip("/") or 0) + 1) % 16
        return {"broker_url": parts._replace(path=f"/{number}").geturl()}
    for name in ("messages", "processed", "control"):
        (folder / name).mkdir(parents=True)
    return {
        "broker_url": "filesystem://",
        "broker_transport_options": {
            "data_folder_in": str(folder / "messages"),
            "data_folder_out": str(folder / "messages"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
        },
    }


def worker_database_url():
    """The test database (not the one the settings name) as a URL."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        assert "memory" not in db["NAME"], "the worker cannot open an in-memory database"
        return f"sqlite:///{db['NAME']}"
    # Everything else (host, account, options) as the suite was given it.
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{quote(db['NAME'])}").geturl()


class Worker:
    def __init__(self, process, log_path):
        self.process = process
        self.log_path = log_path

    def log(self):
        return self.log_path.read_text(errors="replace")

    def wait_until_finished(self, job):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline and self.process.poll() is None:
            job.refresh_from_db()
            if job.is_finished:
                return job
            time.sleep(0.2)
        state = "stopped" if self.process.poll() is not None else "still running"
        pytest.fail(
            f"The job is still {job.status}; the worker is {state}.\nWorker log:\n{self.log()}"
        )


@pytest.fixture
def broker(tmp_path):
    """The broker this test and its worker share; this process sends to it."""
    conf = {**broker_for_the_worker(tmp_path / "broker"), "task_always_eager": False}
    with celery_conf(**conf):
        yield conf


@pytest.fixture
def start_worker(transactional_db, broker, settings, tmp_path):
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": worker_database_url(),
        "BOOKLET_ROOT": str(settings.BOOKLET_ROOT),
        "BOOKLET_TEST_CELERY": json.dumps(broker),
    }
    env.pop("CELERY_BROKER_URL", None)  # Celery would prefer it to the settings
    started = []

    def start():
        log_path = tmp_path / f"worker-{len(started)}.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-c", WORKER],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        return Worker(process, log_path)

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def demo(transactional_db):
    # A transactional test finds the database as the previous one left it.
    load_demo()


def ask(client, **choices):
    data = {"edition": "public", "language": "en", "paper": "a4", **choices}
    response = client.post(FORM, data, headers=EN)
    assert response.status_code == 302
    return ExportJob.objects.get(pk=response["Location"].split("/")[-2])


def download_text(client, job):
    response = client.get(f"/booklets/{job.pk}/download/")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_a_worker_prepares_the_booklet_asked_for_on_the_site(demo, start_worker):
    worker = start_worker()
    visitor = Client()

    job = ask(visitor)
    assert job.dispatched  # the message is with the broker

    job = worker.wait_until_finished(job)
    assert job.status == ExportJob.Status.READY, job.error
    assert job.attempts == 1
    page = visitor.get(f"/booklets/{job.pk}/", headers=EN)
    assert page.status_code == 200
    assert "Download the PDF" in page.content.decode()
    title = Agenda.objects.get(slug=SLUG).title_en
    assert title.casefold() in download_text(visitor, job).casefold()
    log = worker.log()
    assert "booklets.tasks.render_booklet" in log
    assert "succeeded" in log

    # The running worker has the task with its late acknowledgement and limits.
    replies = app.control.inspect(timeout=5, limit=1).registered(
        "acks_late", "reject_on_worker_lost", "soft_time_limit", "time_limit"
    )
    assert replies, f"The worker did not answer.\nWorker log:\n{log}"
    [registered] = replies.values()
    [info] = [line for line in registered if line.startswith("booklets.tasks.render_booklet")]
    assert "acks_late=True" in info
    assert "reject_on_worker_lost=True" in info
    assert f"soft_time_limit={settings.BOOKLET_SOFT_TIME_LIMIT}" in info
    assert f"time_limit={settings.BOOKLET_HARD_TIME_LIMIT}" in info


def test_a_booklet_asked_for_while_the_broker_was_down_is_prepared_when_a_worker_starts(
    demo, start_worker
):
    visitor = Client()
    with celery_conf(broker_url=DEAD_BROKER):
        job = ask(visitor, language="es", paper="letter")
    assert (job.status, job.dispatched) == (ExportJob.Status.QUEUED, False)

    worker = start_worker()

    job = worker.wait_until_finished(job)
    assert job.status == ExportJob.Status.READY, job.error
    assert job.dispatched
    title = Agenda.objects.get(slug=SLUG).title_es
    assert title.casefold() in download_text(visitor, job).casefold()


def test_a_render_lost_with_its_worker_is_handed_out_again_but_not_while_running():
    # Acknowledged only once done, and given back if the worker dies midway.
    assert render_booklet.acks_late is True
    assert render_booklet.reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    # A hung render is stopped: first gently, then for good.
    assert render_booklet.soft_time_limit == settings.BOOKLET_SOFT_TIME_LIMIT
    assert render_booklet.time_limit == settings.BOOKLET_HARD_TIME_LIMIT
    assert 0 < render_booklet.soft_time_limit < render_booklet.time_limit
    # Redis gives an unacknowledged task to another worker after the
    # visibility timeout: a render still running must not be handed out twice.
    assert (
        settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > render_booklet.time_limit
    )
    assert app.conf.broker_transport_options["visibility_timeout"] > render_booklet.time_limit


def test_a_worker_makes_the_sheets_of_codes_asked_for_on_the_site(demo, start_worker):
    """One sheet asked for while the broker was down, sent when the worker
    starts; one sent at once. Both are made by the worker, whole."""
    facilitator = Client()
    facilitator.force_login(get_user_model().objects.get(username=f"facilitator-{SLUG}"))
    codes_page = f"/workspace/neighbourhoods/{Neighbourhood.objects.get(slug=SLUG).pk}/codes/"

    def ask_for_sheet(count):
        data = {"count": str(count), "days": "", "label": "", "paper": "letter"}
        response = facilitator.post(codes_page, data, headers=EN)
        assert response.status_code == 302
        return CodeSheet.objects.get(pk=response["Location"].split("/")[-2])

    with celery_conf(broker_url=DEAD_BROKER):
        waiting = ask_for_sheet(12)
    assert (waiting.status, waiting.dispatched) == (CodeSheet.Status.QUEUED, False)
    assert waiting.batch is None

    worker = start_worker()
    sent = ask_for_sheet(120)
    assert sent.dispatched

    for sheet, count in ((waiting, 12), (sent, 120)):
        sheet = worker.wait_until_finished(sheet)
        assert sheet.status == CodeSheet.Status.READY, sheet.error
        response = facilitator.get(f"/workspace/code-sheets/{sheet.pk}/download/")
        assert response.status_code == 200
        pdf = b"".join(response.streaming_content)
        assert_sheet_of(sheet.batch, pdf, count=count, site="http://testserver")
    assert "residents.tasks.make_code_sheet" in worker.log()
