"""With a real Celery worker and its scheduler (beat): the heartbeat tells
the web that workers take jobs, and the periodic sweep sends the jobs that
wait, whether asked for while Redis was down or lost by a Redis that
restarted empty, without anyone reopening their page, and never twice.

The broker is a Redis server of the test's own, which it may empty."""

import json
import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from booklets import services
from booklets.models import ExportJob
from config.celery import app
from operations import sweep, workers
from operations.models import WorkerSighting
from operations.tasks import heartbeat
from operations.workers import workers_taking_jobs
from tests.booklets import celery_conf
from tests.booklets.test_worker import ROOT, Worker, ask, demo, worker_database_url
from tests.helpers import DEAD_BROKER, EN, count_queries

__all__ = ["demo"]  # a fixture of the booklets' worker tests

WAIT_SECONDS = 60
# The project's `celery worker` with its embedded scheduler (`--beat`), the
# test's broker and a quicker schedule laid over the settings.
WORKER = """
import json, os
from config.celery import app
app.conf.update(json.loads(os.environ["OPERATIONS_TEST_CELERY"]))
app.worker_main([
    "worker", "--pool=solo", "--concurrency=1", "--loglevel=info",
    "--without-mingle", "--without-gossip", "--without-heartbeat",
    "--beat", "--schedule=" + os.environ["OPERATIONS_TEST_SCHEDULE"],
])
"""
HEARTBEAT, SWEEP = "operations.tasks.heartbeat", "operations.tasks.send_waiting_jobs"


def every_second():
    """The site's schedule of the heartbeat and the sweep, run every second."""
    entries = {
        entry["task"]: {**entry, "schedule": 1.0}
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] in (HEARTBEAT, SWEEP)
    }
    assert set(entries) == {HEARTBEAT, SWEEP}
    return entries


@pytest.fixture
def broker(with_redis):
    return {"broker_url": with_redis.url, "task_always_eager": False}


@pytest.fixture
def start_worker(transactional_db, broker, settings, tmp_path):
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": worker_database_url(),
        "BOOKLET_ROOT": str(settings.BOOKLET_ROOT),
        "OPERATIONS_TEST_CELERY": json.dumps({**broker, "beat_schedule": every_second()}),
        "OPERATIONS_TEST_SCHEDULE": str(tmp_path / "beat-schedule"),
    }
    env.pop("CELERY_BROKER_URL", None)
    started = []

    def start():
        log_path = tmp_path / "worker.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-c", WORKER], cwd=ROOT, env=env, stdout=log, stderr=log
            )
        started.append(process)
        worker = Worker(process, log_path)
        wait_for(worker, lambda: WorkerSighting.objects.filter(started_at__isnull=False).exists())
        return worker

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(worker, condition):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and worker.process.poll() is None:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"Still waiting.\nWorker log:\n{worker.log()}")


def test_the_site_schedules_the_heartbeat_and_the_sweep():
    schedule = {entry["task"]: entry for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule[SWEEP]["schedule"] == settings.JOB_SWEEP_SECONDS
    # Often enough that a worker taking jobs is never taken for a silent one.
    assert schedule[HEARTBEAT]["schedule"] * 2 < settings.WORKER_SILENT_AFTER
    assert {HEARTBEAT, SWEEP} <= set(app.tasks)


def test_the_scheduler_heartbeat_tells_the_web_that_workers_take_jobs(demo, start_worker):
    worker = start_worker()
    started = WorkerSighting.objects.get().started_at

    wait_for(worker, lambda: "operations.tasks.heartbeat" in worker.log())
    wait_for(worker, lambda: WorkerSighting.objects.get().seen_at > started)
    assert workers_taking_jobs() is True

    response = Client().get("/health/ready/", headers={"accept": "application/json", **EN})
    assert response.json()["checks"]["workers"]["status"] == "ok"
    assert response.status_code == 200, response.json()


def test_a_booklet_asked_for_while_redis_was_down_is_made_without_reopening_its_page(
    demo, start_worker
):
    worker = start_worker()  # it sent what waited when it started; this comes after
    with celery_conf(broker_url=DEAD_BROKER):
        job = ask(Client())
    assert (job.status, job.dispatched) == (ExportJob.Status.QUEUED, False)

    # No one opens its page: only the sweep can send it now.
    job = worker.wait_until_finished(job)
    assert job.status == ExportJob.Status.READY, job.error
    assert job.attempts == 1


def test_a_booklet_lost_by_a_redis_that_restarted_empty_is_sent_again(
    demo, with_redis, start_worker
):
    job = ask(Client())
    assert job.dispatched
    assert with_redis.client().llen("celery") == 1
    with_redis.client().flushall()  # Redis restarted, its queue empty
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))

    job = start_worker().wait_until_finished(job)
    assert job.status == ExportJob.Status.READY, job.error
    assert job.attempts == 1


# --- without a worker: what the sweep sends, and what it leaves --------------------


@pytest.fixture
def asked(db, broker, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.BOOKLET_ROOT = tmp_path / "booklets"

    def asked(broker_url=None):
        with (
            celery_conf(broker_url=broker_url or broker["broker_url"]),
            django_capture_on_commit_callbacks(execute=True),
        ):
            job = ask(Client())
        job.refresh_from_db()
        return job

    return asked


def test_a_job_still_in_the_broker_is_not_sent_again(asked, with_redis, monkeypatch):
    monkeypatch.setattr(sweep, "LOOK_AGAIN_AFTER", 0)
    job = asked()
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))
    queue = with_redis.client()
    assert queue.llen("celery") == 1

    assert sweep.send_waiting_jobs() == 0
    assert queue.llen("celery") == 1  # no second message: two workers could run it at once

    queue.flushall()
    assert sweep.send_waiting_jobs() == 1
    assert queue.llen("celery") == 1
    assert sweep.send_waiting_jobs() == 0


def test_a_job_sent_lately_is_left_to_its_worker(asked, with_redis, monkeypatch):
    monkeypatch.setattr(sweep, "LOOK_AGAIN_AFTER", 0)
    asked()
    with_redis.client().flushall()
    assert sweep.send_waiting_jobs() == 0  # not yet JOB_LOST_AFTER old


def test_a_job_is_sent_once_however_many_try_to_send_it(asked, with_redis):
    job = asked(broker_url=DEAD_BROKER)
    assert not job.dispatched
    queue = with_redis.client()
    assert queue.llen("celery") == 0

    assert services.dispatch(job.pk) is True
    assert services.dispatch(job.pk) is False  # its page, a starting worker, the sweep
    assert services.dispatch_waiting() == 0
    assert queue.llen("celery") == 1


def test_a_worker_notes_the_jobs_it_takes_now_and_then(db, monkeypatch):
    monkeypatch.setattr(workers, "_noted_at", -float(workers.NOTE_EVERY))
    workers.job_taken(task=services.render_booklet)  # as a worker calls it
    seen = WorkerSighting.objects.get().seen_at
    assert count_queries(lambda: workers.job_taken(task=services.render_booklet)) == 0
    assert WorkerSighting.objects.get().seen_at == seen


def test_a_task_run_in_a_web_request_is_no_sign_of_a_worker(db):
    with celery_conf(task_always_eager=True):
        services.render_booklet.apply(args=["00000000-0000-0000-0000-000000000000"])
    assert not WorkerSighting.objects.exists()
    heartbeat.apply()
    assert WorkerSighting.objects.get().seen_at is not None
