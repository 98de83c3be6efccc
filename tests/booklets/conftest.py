"""Fixtures of the booklet tests: for jobs, tasks run in-process whatever
REDIS_URL says (the real worker is exercised in test_worker.py), booklets
are kept in a folder of the test's own, and the booklet form is filled in
as on the site; for reading PDFs, each public booklet is rendered once."""

import re

import pytest

from booklets.models import ExportJob
from tests.helpers import EN
from tests.pages.helpers import page_text

from . import celery_conf, folder_broker
from .jobs import FORM
from .pdf import render


@pytest.fixture
def eager_tasks():
    # With REDIS_URL set the suite has a broker but no worker: render in-process.
    with celery_conf(task_always_eager=True, task_eager_propagates=True):
        yield


@pytest.fixture
def booklet_root(settings, tmp_path):
    """Each test starts with no booklet on disk, so that renders can be counted."""
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    return settings.BOOKLET_ROOT


@pytest.fixture
def broker_without_worker(tmp_path):
    """A broker that accepts messages but that no worker reads."""
    folder = tmp_path / "broker"
    with celery_conf(**folder_broker(folder)):
        yield folder / "messages"


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Fill in the booklet form; the job is sent when the request's
    transaction commits, as on the site."""

    def ask(client, *, edition="public", language="en", paper="a4", headers=EN):
        data = {"edition": edition, "language": language, "paper": paper}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(FORM, data, headers=headers)
        assert response.status_code == 302, page_text(response)
        match = re.fullmatch(r"/booklets/([0-9a-f-]{36})/", response["Location"])
        assert match, response["Location"]
        return ExportJob.objects.get(pk=match[1])

    return ask


@pytest.fixture(scope="package")
def public_booklet():
    """Each public booklet is rendered once for all the booklet tests: they
    only read it, and the demo data does not change between them."""
    rendered = {}

    def get(slug, language, paper):
        key = (slug, language, paper)
        if key not in rendered:
            rendered[key] = render(slug, language=language, paper=paper)
        return rendered[key]

    return get
