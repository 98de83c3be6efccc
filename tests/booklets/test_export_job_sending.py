"""Sending a booklet job and following it: a request made while the broker
is down is kept until it can be sent, and the status page refreshes itself
until the booklet is ready."""

import time

import pytest

from booklets import services
from booklets.models import ExportJob
from operations.workers import note_worker_seen
from tests.helpers import DEAD_BROKER, EN, ES
from tests.pages.helpers import page_text

from . import celery_conf
from .jobs import download, download_url, status_box, status_url

pytestmark = pytest.mark.usefixtures("eager_tasks", "booklet_root")


# --- the broker is down ----------------------------------------------------------------


def test_a_request_made_while_the_broker_is_down_waits_and_is_sent_later(client_for, ask):
    visitor = client_for("visitor")
    with celery_conf(task_always_eager=False, broker_url=DEAD_BROKER):
        started = time.monotonic()
        job = ask(visitor)
        assert time.monotonic() - started < 5

        assert job.status == ExportJob.Status.QUEUED
        assert not job.dispatched
        page = visitor.get(status_url(job), headers=EN)
        assert page.status_code == 200
        assert "Export waiting" in page_text(page)
        assert "Reload this page" in page_text(page)
        assert 'hx-trigger="every 2s"' in status_box(page)
        page = visitor.get(status_url(job), headers=ES)
        assert page.status_code == 200
        assert "Exportación en espera" in page_text(page)
        job.refresh_from_db()
        assert (job.status, job.dispatched) == (ExportJob.Status.QUEUED, False)

    # The broker is back: looking at the job sends it.
    page = visitor.get(status_url(job), headers=EN)
    assert page.status_code == 200
    job.refresh_from_db()
    assert job.status == ExportJob.Status.READY
    assert job.dispatched
    assert "Download the PDF" in page_text(page)
    download(visitor, job)


def test_every_waiting_job_is_sent_once_the_broker_is_back(client_for, ask):
    with celery_conf(task_always_eager=False, broker_url=DEAD_BROKER):
        waiting = [
            ask(client_for("visitor")),
            ask(client_for("facilitator"), edition="internal", language="es", paper="letter"),
        ]
    assert [job.dispatched for job in waiting] == [False, False]

    assert services.dispatch_waiting() == 2

    for job in waiting:
        job.refresh_from_db()
        assert (job.status, job.dispatched) == (ExportJob.Status.READY, True)
        assert job.has_file()
    assert services.dispatch_waiting() == 0


# --- following the job -------------------------------------------------------------------


def test_the_status_page_refreshes_itself_until_the_booklet_is_ready(
    client_for, ask, broker_without_worker
):
    visitor = client_for("visitor")
    job = ask(visitor)
    assert (job.status, job.dispatched) == (ExportJob.Status.QUEUED, True)
    assert any(broker_without_worker.iterdir())  # the message waits for a worker
    note_worker_seen()  # workers are taking jobs, not this one yet

    page = visitor.get(status_url(job), headers=EN)
    assert page.status_code == 200
    box = status_box(page)
    assert f'hx-get="{status_url(job)}"' in box
    assert 'hx-trigger="every 2s"' in box
    # Only the content of the live region is replaced, so that it is announced.
    assert 'data-hx-target="#job-status-now"' in box
    assert visitor.get(status_url(job), headers={**EN, "HX-Request": "true"}).status_code == 200
    # Without JavaScript, a plain link does the same.
    assert f'<a href="{status_url(job)}">Reload this page</a>' in page.content.decode()
    assert "This usually takes a few seconds." in page_text(page)

    services.render_job(job.pk)  # what the worker does with the message

    page = visitor.get(status_url(job), headers=EN)
    assert page.status_code == 200
    box = status_box(page)
    assert "hx-get" not in box
    assert "hx-trigger" not in box
    assert "Reload this page" not in page_text(page)
    # htmx's own request for a finished job is answered 286: it stops refreshing.
    assert visitor.get(status_url(job), headers={**EN, "HX-Request": "true"}).status_code == 286
    assert f'href="{download_url(job)}"' in page.content.decode()
