"""A sheet of participant codes asked for on the site and made in the
background: who may follow and download it, what its page says, a failure
or a worker lost midway leaving no stray codes, a request made while the
broker is down kept until it can be sent, the file kept only as long as it
is needed, and a sheet of 500 codes laid out while someone else saves.

Tasks run in-process here, whatever REDIS_URL says (as in the booklets'
tests); the real worker is exercised in tests/booklets/test_worker.py.
"""

import os
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from agendas.models import Issue
from communities.models import Membership, Neighbourhood
from demo.loader import load_demo
from residents import services, sheets
from residents.models import CodeBatch, CodeSheet
from tests.helpers import DEAD_BROKER, EN, ES

from ..booklets import celery_conf
from ..pages.helpers import page_text
from .helpers import assert_sheet_of, codes_page, neighbourhood, sheet_made_by

User = get_user_model()
FORM = {"count": "4", "days": "", "label": "Taller del sábado", "paper": "letter"}


@pytest.fixture(autouse=True)
def sheet_root(settings, tmp_path):
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    return settings.BOOKLET_ROOT


@pytest.fixture
def facilitator(db):
    client = Client()
    client.force_login(User.objects.get(username="facilitator-lazaro-cardenas"))
    return client


@pytest.fixture
def ask(django_capture_on_commit_callbacks):
    """Fill in the codes form; the sheet is sent when the request's
    transaction commits, as on the site, and made in this process."""

    def ask(client, data=FORM, *, eager=True, headers=EN):
        options = {"task_always_eager": True, "task_eager_propagates": True}
        if not eager:
            options = {"task_always_eager": False, "broker_url": DEAD_BROKER}
        with celery_conf(**options), django_capture_on_commit_callbacks(execute=True):
            response = client.post(codes_page(neighbourhood()), data, headers=headers)
        return sheet_made_by(response)

    return ask


def page(client, sheet, headers=EN):
    return client.get(f"/workspace/code-sheets/{sheet.pk}/", headers=headers)


def download(client, sheet):
    return client.get(f"/workspace/code-sheets/{sheet.pk}/download/")


def test_the_sheets_page_says_the_batch_was_made_and_when_it_was_downloaded(facilitator, ask):
    sheet = ask(facilitator)
    sheet.refresh_from_db()
    assert sheet.status == CodeSheet.Status.READY
    text = page_text(page(facilitator, sheet))
    assert "Status: Ready" in text
    assert "The batch was made on" in text and "slips 1 to 4, ready to print." in text
    assert "The codes do not expire." in text
    assert "Download the sheet (PDF)" in text
    assert "for the first time" not in text
    response = download(facilitator, sheet)
    assert response.status_code == 200
    assert_sheet_of(
        sheet.batch, b"".join(response.streaming_content), count=4, site="http://testserver"
    )
    assert "for the first time." in page_text(page(facilitator, sheet))
    # The codes page leads back to it.
    assert f"/workspace/code-sheets/{sheet.pk}/" in codes_text(facilitator)


def codes_text(client, headers=EN):
    return client.get(codes_page(neighbourhood()), headers=headers).content.decode()


def test_the_sheets_page_speaks_spanish(facilitator, ask):
    sheet = ask(facilitator, headers=ES)
    text = page_text(page(facilitator, sheet, headers=ES))
    assert "Estado: Lista" in text
    assert "El lote se generó el" in text and "papelitos 1 a 4, listos para imprimir." in text
    assert "Descargar la hoja (PDF)" in text


@pytest.mark.parametrize(
    "who", ["visitor", "resident", "researcher", "admin", "other_facilitator", "co-facilitator"]
)
def test_a_sheet_is_seen_only_by_whoever_asked_for_it(
    who, facilitator, ask, client_for, make_person
):
    sheet = ask(facilitator)
    if who == "co-facilitator":  # of the same neighbourhood: still not theirs
        client = Client()
        client.force_login(make_person("co", role="facilitator", neighbourhood="lazaro-cardenas"))
    else:
        client = client_for(who)
    for url in (
        f"/workspace/code-sheets/{sheet.pk}/",
        f"/workspace/code-sheets/{sheet.pk}/download/",
    ):
        response = client.get(url)
        expected = 302 if who == "visitor" else 404
        assert response.status_code == expected, url
    for action in ("delete", "retry"):
        response = client.post(f"/workspace/code-sheets/{sheet.pk}/{action}/")
        assert response.status_code == (302 if who == "visitor" else 404)
    assert sheet.file_path.exists()


def test_someone_who_may_no_longer_print_codes_can_no_longer_download_them(facilitator, ask):
    sheet = ask(facilitator)
    Membership.objects.filter(user=sheet.requested_by, role="facilitator").delete()
    assert page(facilitator, sheet).status_code == 404
    assert download(facilitator, sheet).status_code == 404


def test_a_sheet_that_fails_keeps_no_codes_and_can_be_tried_again(
    facilitator, ask, monkeypatch, django_capture_on_commit_callbacks
):
    batches = CodeBatch.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("no room on the disk")

    monkeypatch.setattr(sheets, "slips_pdf", broken)
    sheet = ask(facilitator)
    sheet.refresh_from_db()
    assert sheet.status == CodeSheet.Status.FAILED
    assert sheet.batch is None
    assert CodeBatch.objects.count() == batches  # no codes nobody holds
    assert not sheet.file_path.exists()
    text = page_text(page(facilitator, sheet))
    assert "The sheet could not be prepared. No codes were kept. You can try again." in text
    # The codes page leads to it, to try again.
    assert f"/workspace/code-sheets/{sheet.pk}/" in codes_text(facilitator)
    monkeypatch.undo()
    with (
        celery_conf(task_always_eager=True, task_eager_propagates=True),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = facilitator.post(f"/workspace/code-sheets/{sheet.pk}/retry/", headers=EN)
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == CodeSheet.Status.READY
    assert sheet.batch.codes.count() == 4
    assert CodeBatch.objects.count() == batches + 1


def test_a_sheet_cut_short_by_a_lost_worker_is_made_again_without_the_first_codes(facilitator):
    """The worker issued a batch and died before the sheet was written: its
    codes exist nowhere, so the batch is deleted and a new one made."""
    sheet = sheets.request_sheet(
        neighbourhood(),
        requested_by=User.objects.get(username="facilitator-lazaro-cardenas"),
        count=3,
        days=7,
        label="",
        paper="a4",
        site_url="http://testserver/",
    )
    lost = services.issue_batch(neighbourhood(), 3).batch
    CodeSheet.objects.filter(pk=sheet.pk).update(status=CodeSheet.Status.MAKING, batch=lost)
    sheets.make_sheet(sheet.pk)
    sheet.refresh_from_db()
    assert sheet.status == CodeSheet.Status.READY
    assert not CodeBatch.objects.filter(pk=lost.pk).exists()
    assert sheet.batch.codes.count() == 3
    assert sheet.batch.expires_at > timezone.now()
    # Made again once it is ready: nothing changes.
    made = sheet.batch_id, sheet.file_path.read_bytes()
    sheets.make_sheet(sheet.pk)
    sheet.refresh_from_db()
    assert (sheet.batch_id, sheet.file_path.read_bytes()) == made
    assert CodeBatch.objects.filter(sheet=sheet).count() == 1


def test_a_sheet_asked_for_while_the_broker_is_down_waits_and_is_made_later(facilitator, ask):
    batches = CodeBatch.objects.count()
    sheet = ask(facilitator, eager=False)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.dispatched) == (CodeSheet.Status.QUEUED, False)
    assert CodeBatch.objects.count() == batches
    with celery_conf(task_always_eager=False, broker_url=DEAD_BROKER):
        text = page_text(page(facilitator, sheet))
    assert "Waiting: the service that prepares sheets is not reachable right now." in text
    # The broker is back: looking at the page sends it.
    with celery_conf(task_always_eager=True, task_eager_propagates=True):
        text = page_text(page(facilitator, sheet))
    assert "Status: Ready" in text
    # So does a worker starting, for every sheet still waiting.
    waiting = ask(facilitator, eager=False)
    with celery_conf(task_always_eager=True, task_eager_propagates=True):
        assert sheets.dispatch_waiting() == 1
    waiting.refresh_from_db()
    assert waiting.status == CodeSheet.Status.READY


def test_the_page_refreshes_itself_until_the_sheet_is_ready(facilitator, ask):
    sheet = ask(facilitator, eager=False)
    with celery_conf(task_always_eager=False, broker_url=DEAD_BROKER):
        waiting = page(facilitator, sheet).content.decode()
    assert 'data-hx-trigger="every 2s"' in waiting
    assert 'data-hx-target="#sheet-status-now"' in waiting  # the live region itself stays
    assert "Reload this page" in waiting
    htmx = {**EN, "HX-Request": "true"}
    url = f"/workspace/code-sheets/{sheet.pk}/"
    with celery_conf(task_always_eager=False, broker_url=DEAD_BROKER):
        assert facilitator.get(url, headers=htmx).status_code == 200
    sheets.make_sheet(sheet.pk)
    assert 'data-hx-trigger="every 2s"' not in page(facilitator, sheet).content.decode()
    # htmx's own request for a finished sheet is answered 286: it stops refreshing.
    finished = facilitator.get(url, headers=htmx)
    assert finished.status_code == 286
    assert "Status: Ready" in page_text(finished)


def test_a_sheet_never_downloaded_is_not_deleted(facilitator, ask):
    """It is the one copy of its codes: deleting it unseen would lose them."""
    sheet = ask(facilitator)
    assert "I have printed it" not in page(facilitator, sheet).content.decode()
    response = facilitator.post(
        f"/workspace/code-sheets/{sheet.pk}/delete/", follow=True, headers=EN
    )
    assert "The sheet has not been downloaded yet" in page_text(response)
    assert sheet.file_path.exists()


def test_the_requester_deletes_the_sheet_once_printed(facilitator, ask):
    sheet = ask(facilitator)
    assert download(facilitator, sheet).status_code == 200
    assert "I have printed it" in page(facilitator, sheet).content.decode()
    response = facilitator.post(f"/workspace/code-sheets/{sheet.pk}/delete/", headers=EN)
    assert response.status_code == 302
    assert not sheet.file_path.exists()
    assert download(facilitator, sheet).status_code == 404
    text = page_text(page(facilitator, sheet))
    assert "The sheet is no longer kept on the server: its codes exist only in print." in text
    assert "Status: Deleted" in text
    assert f"/workspace/code-sheets/{sheet.pk}/" not in codes_text(facilitator)
    # The batch itself stays: its printed codes still work.
    assert sheet.batch.codes.count() == 4
    assert sheet.batch.revoked_at is None


def test_withdrawing_a_batch_deletes_its_sheet(facilitator, ask):
    sheet = ask(facilitator)
    sheet.refresh_from_db()
    facilitator.post(
        f"/workspace/code-batches/{sheet.batch_id}/withdraw/", {"number": "all", "confirm": "yes"}
    )
    assert not sheet.file_path.exists()


def test_withdrawing_a_batch_by_any_path_deletes_its_sheet(facilitator, ask):
    # The rule is the service's, not the page's: the command line and the
    # admin withdraw through it too.
    sheet = ask(facilitator)
    sheet.refresh_from_db()
    services.revoke_batch(sheet.batch)
    assert not sheet.file_path.exists()


def test_a_sheet_is_deleted_once_its_time_is_up(facilitator, ask, settings):
    settings.CODE_SHEET_KEEP_HOURS = 24
    old, recent = ask(facilitator), ask(facilitator)
    day_ago = time.time() - 25 * 3600
    os.utime(old.file_path, (day_ago, day_ago))
    # Looking at the codes page is enough to clear what is past its time.
    codes_text(facilitator)
    assert not old.file_path.exists()
    assert recent.file_path.exists()
    assert sheets.forget_old_sheets() == 0


def test_a_wrong_paper_size_is_refused_and_nothing_is_made(facilitator):
    response = facilitator.post(codes_page(neighbourhood()), {**FORM, "paper": "a3"}, headers=EN)
    assert response.status_code == 400
    assert "Choose one of the options." in page_text(response)
    assert not CodeSheet.objects.exists()


# --- 500 codes through the web flow while someone else saves -------------------------------


@pytest.fixture
def demo_db(transactional_db):
    # A transactional test finds the database as the previous one left it.
    load_demo()
    cache.clear()
    yield
    cache.clear()


def test_a_sheet_of_500_is_laid_out_while_someone_else_saves_an_issue(
    demo_db, monkeypatch, settings, tmp_path
):
    """The slips are laid out with no transaction open: another person's
    save goes through during the layout, not after it (on SQLite a held
    write lock would make it wait, and the layout waits for the save: the
    test would stop). Every slip of the 500 is whole on its page."""
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    laying_out, saved = threading.Event(), threading.Event()
    lay_out = sheets.slips_pdf

    def watched(*args, **kwargs):
        laying_out.set()
        assert saved.wait(timeout=30), "another person's save waited for the sheet"
        return lay_out(*args, **kwargs)

    monkeypatch.setattr(sheets, "slips_pdf", watched)
    issue = Issue.objects.filter(agenda__slug="lazaro-cardenas").first()
    errors = []

    def someone_else_saves():
        try:
            assert laying_out.wait(timeout=60)
            issue.title_en = "Street lighting, saved during the sheet"
            issue.save()
            saved.set()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    other = threading.Thread(target=someone_else_saves)
    other.start()
    client = Client()
    client.force_login(User.objects.get(username="facilitator-lazaro-cardenas"))
    with celery_conf(task_always_eager=True, task_eager_propagates=True):
        response = client.post(
            codes_page(Neighbourhood.objects.get(slug="lazaro-cardenas")),
            {"count": "500", "days": "", "label": "Feria", "paper": "a4"},
            headers=EN,
        )
    other.join(timeout=60)
    assert not errors and saved.is_set()
    sheet = sheet_made_by(response)
    assert sheet.status == CodeSheet.Status.READY
    issue.refresh_from_db()
    assert issue.title_en == "Street lighting, saved during the sheet"
    download = client.get(f"/workspace/code-sheets/{sheet.pk}/download/")
    pdf = b"".join(download.streaming_content)
    printed = assert_sheet_of(sheet.batch, pdf, count=500, site="http://testserver")
    assert len(printed.pages) == 50
