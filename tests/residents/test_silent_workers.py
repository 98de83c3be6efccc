"""A sheet of codes' page says when no background worker is taking jobs,
as a booklet's does."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from operations.workers import note_worker_seen
from residents.models import CodeSheet
from tests.helpers import EN

from ..booklets import celery_conf, folder_broker
from .helpers import codes_page, neighbourhood, sheet_made_by

SILENT = "No background worker is taking jobs right now."


@pytest.fixture
def facilitator(db, settings, tmp_path):
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    client = Client()
    client.force_login(get_user_model().objects.get(username="facilitator-lazaro-cardenas"))
    return client


def test_a_waiting_sheet_says_no_worker_is_taking_jobs(
    facilitator, tmp_path, django_capture_on_commit_callbacks
):
    form = {"count": "4", "days": "", "label": "", "paper": "letter"}
    with celery_conf(**folder_broker(tmp_path / "broker")):
        with django_capture_on_commit_callbacks(execute=True):
            sheet = sheet_made_by(facilitator.post(codes_page(neighbourhood()), form, headers=EN))
        sheet.refresh_from_db()
        assert (sheet.status, sheet.dispatched) == (CodeSheet.Status.QUEUED, True)
        url = f"/workspace/code-sheets/{sheet.pk}/"

        text = facilitator.get(url, headers=EN).content.decode()
        assert SILENT in text
        assert "you do not need to stay on this page" in text
        assert "please tell the site's administrator" in text
        assert 'data-hx-trigger="every 2s"' in text
        assert f'<a href="{url}">Reload this page</a>' in text

        note_worker_seen()
        text = facilitator.get(url, headers=EN).content.decode()
    assert SILENT not in text
    assert "This usually takes a few seconds" in text
