"""A booklet's page says when no background worker is taking jobs: the
booklet is kept and will be prepared once one is back, there is no need to
stay, and the site's administrator is the one to tell. It still refreshes
itself, and works without JavaScript."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from booklets import services
from operations.workers import note_worker_seen
from tests.helpers import EN
from tests.pages.helpers import page_text

from . import celery_conf
from .jobs import status_box, status_url

SILENT = "No background worker is taking jobs right now."


def test_a_waiting_booklet_says_no_worker_is_taking_jobs(client_for, ask, broker_without_worker):
    visitor = client_for("visitor")
    job = ask(visitor)  # sent, and no worker was ever seen

    page = visitor.get(status_url(job), headers=EN)
    text = page.content.decode()
    assert SILENT in text
    assert "you do not need to stay on this page" in text
    assert "please tell the site's administrator" in text
    assert "This usually takes a few seconds." not in text
    # Still refreshed by htmx, and by a plain link without JavaScript.
    assert 'data-hx-trigger="every 2s"' in status_box(page)
    assert f'<a href="{status_url(job)}">Reload this page</a>' in text

    note_worker_seen()
    text = visitor.get(status_url(job), headers=EN).content.decode()
    assert SILENT not in text
    assert "This usually takes a few seconds." in text


def test_no_worker_is_missed_when_tasks_run_in_process(client_for, ask, broker_without_worker):
    visitor = client_for("visitor")
    job = ask(visitor)
    with celery_conf(task_always_eager=True):
        text = visitor.get(status_url(job), headers=EN).content.decode()
    assert SILENT not in text


def test_workers_are_asked_about_only_while_the_booklet_waits(
    client_for, ask, broker_without_worker
):
    visitor = client_for("visitor")
    job = ask(visitor)
    services.render_job(job.pk)
    with CaptureQueriesContext(connection) as queries:
        page = visitor.get(status_url(job), headers=EN)
    assert "Download the PDF" in page_text(page)
    assert not [q for q in queries if "operations_workersighting" in q["sql"]]
