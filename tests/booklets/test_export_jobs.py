"""Asking for a booklet on the site and following the job: who may ask for
which edition, who may follow and download a job, identical requests sharing
one file, a failed render said plainly and tried again, and a request made
while the broker is down kept until it can be sent.

Tasks run in-process here, whatever REDIS_URL says; the real worker is
exercised in test_worker.py.
"""

import io
import re
import time

import pytest
from django.test import Client
from pypdf import PdfReader

from agendas.models import Agenda, Issue
from booklets import services
from booklets.models import ExportJob
from communities.models import Membership
from tests.helpers import DEAD_BROKER, EN, ES, RESTRICTED_EN
from tests.pages.helpers import page_text

from . import celery_conf, folder_broker

SLUG = "lazaro-cardenas"
FORM = f"/agendas/{SLUG}/booklet/"


@pytest.fixture(autouse=True)
def eager_tasks():
    # With REDIS_URL set the suite has a broker but no worker: render in-process.
    with celery_conf(task_always_eager=True, task_eager_propagates=True):
        yield


@pytest.fixture(autouse=True)
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


def status_url(job):
    return f"/booklets/{job.pk}/"


def download_url(job):
    return f"/booklets/{job.pk}/download/"


def retry_url(job):
    return f"/booklets/{job.pk}/retry/"


def download(client, job):
    response = client.get(download_url(job))
    assert response.status_code == 200
    # Reading the content to the end closes the file (and the response).
    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert job.filename() in response["Content-Disposition"]
    assert content.startswith(b"%PDF-")
    return content


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def mentions(text, phrase):
    # Some headings are set in capitals by the print stylesheet.
    return phrase.casefold() in text.casefold()


def pdfs(root):
    return sorted(root.glob("*.pdf")) if root.exists() else []


def offered_editions(response):
    inputs = re.findall(r'<input[^>]*name="edition"[^>]*>', response.content.decode())
    return sorted(re.search(r'value="([^"]*)"', tag)[1] for tag in inputs)


def status_box(response):
    """The part of the status page that htmx refreshes."""
    match = re.search(r'<div id="job-status"[^>]*>', response.content.decode())
    assert match, page_text(response)
    return match[0]


# --- who may ask for which edition ---------------------------------------------


@pytest.mark.parametrize("role", ["visitor", "resident", "other_facilitator"])
def test_the_internal_edition_is_neither_offered_nor_accepted(role, client_for):
    client = client_for(role)

    form = client.get(FORM, headers=EN)
    assert form.status_code == 200
    assert offered_editions(form) == ["public"]

    data = {"edition": "internal", "language": "en", "paper": "a4"}
    refused = client.post(FORM, data, headers=EN)
    assert refused.status_code == 400
    text = page_text(refused)
    assert "Nothing was saved. Please correct what is marked below." in text
    assert "Choose one of the editions offered to you." in text

    refused = client.post(FORM, data, headers=ES)
    assert refused.status_code == 400
    text = page_text(refused)
    assert "No se guardó nada. Corrija lo que está señalado abajo." in text
    assert "Elija una de las ediciones que se le ofrecen." in text

    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("role", ["facilitator", "researcher", "admin"])
def test_the_agendas_team_gets_the_internal_edition(role, client_for, demo_users, ask):
    client = client_for(role)
    assert offered_editions(client.get(FORM, headers=EN)) == ["internal", "public"]

    job = ask(client, edition="internal")

    assert job.status == ExportJob.Status.READY
    assert job.requested_by == demo_users[role]
    assert job.filename() == f"{SLUG}-en-a4-confidential.pdf"
    text = pdf_text(download(client, job))
    assert "CONFIDENTIAL" in text
    assert mentions(text, RESTRICTED_EN)
    assert f"Exported by {demo_users[role].username}" in text


@pytest.mark.parametrize(
    "role", ["visitor", "resident", "other_facilitator", "facilitator", "researcher", "admin"]
)
def test_everyone_gets_the_public_edition_of_a_published_agenda(role, client_for, ask):
    client = client_for(role)

    job = ask(client)

    assert job.status == ExportJob.Status.READY
    assert job.filename() == f"{SLUG}-en-a4.pdf"
    page = client.get(status_url(job), headers=EN)
    assert page.status_code == 200
    assert "Download the PDF" in page_text(page)
    text = pdf_text(download(client, job))
    assert mentions(text, Agenda.objects.get(slug=SLUG).title_en)
    assert not mentions(text, RESTRICTED_EN)
    assert "CONFIDENTIAL" not in text


@pytest.mark.parametrize("status", ["draft", "consultation", "validated"])
def test_a_visitor_cannot_reach_the_booklet_of_an_unpublished_agenda(status, client_for):
    Agenda.objects.filter(slug=SLUG).update(status=status)
    visitor = client_for("visitor")

    assert visitor.get(FORM).status_code == 404
    data = {"edition": "public", "language": "en", "paper": "a4"}
    assert visitor.post(FORM, data).status_code == 404
    assert not ExportJob.objects.exists()


def test_a_resident_gets_the_public_edition_while_the_agenda_is_in_consultation(client_for, ask):
    Agenda.objects.filter(slug=SLUG).update(status="consultation")
    resident = client_for("resident")

    assert offered_editions(resident.get(FORM, headers=EN)) == ["public"]
    job = ask(resident)
    assert job.status == ExportJob.Status.READY
    download(resident, job)
    # Someone from another neighbourhood does not see the agenda at all.
    assert client_for("other_facilitator").get(FORM).status_code == 404


def test_the_team_still_exports_a_draft(client_for, ask):
    Agenda.objects.filter(slug=SLUG).update(status="draft")
    facilitator = client_for("facilitator")

    job = ask(facilitator, edition="internal")

    assert job.status == ExportJob.Status.READY
    assert mentions(pdf_text(download(facilitator, job)), RESTRICTED_EN)


# --- whose job it is ------------------------------------------------------------


@pytest.mark.parametrize("owner", ["visitor", "facilitator"])
def test_a_job_is_seen_only_by_whoever_asked_for_it(owner, client_for, ask):
    mine = client_for(owner)
    job = ask(mine)
    assert mine.get(status_url(job)).status_code == 200
    download(mine, job)

    others = [Client()] + [
        client_for(role)
        for role in ("resident", "other_facilitator", "facilitator", "researcher", "admin")
        if role != owner
    ]
    for other in others:
        assert other.get(status_url(job)).status_code == 404
        assert other.get(download_url(job)).status_code == 404
        assert other.post(retry_url(job)).status_code == 404

    # Nor may anyone else set a failed job going again.
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED)
    for other in others:
        assert other.post(retry_url(job)).status_code == 404
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.attempts == 1


def test_someone_who_loses_the_right_can_no_longer_download_the_internal_edition(make_person, ask):
    person = make_person("facilitator-leaving", role="facilitator", neighbourhood=SLUG)
    client = Client()
    client.force_login(person)
    internal = ask(client, edition="internal")
    public = ask(client)
    download(client, internal)
    # Asked for while still on the team, not yet prepared.
    response = client.post(FORM, {"edition": "internal", "language": "es", "paper": "letter"})
    waiting = ExportJob.objects.get(pk=response["Location"].split("/")[-2])
    assert waiting.status == ExportJob.Status.QUEUED

    Membership.objects.filter(user=person).delete()

    assert client.get(download_url(internal)).status_code == 404
    download(client, public)
    # The waiting job is refused when its turn comes, and nothing is written.
    assert client.get(status_url(waiting)).status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == ExportJob.Status.FAILED
    assert not waiting.has_file()
    assert client.get(download_url(waiting)).status_code == 404


# --- identical requests share one file --------------------------------------------


def test_identical_public_requests_share_one_file(client_for, ask, booklet_root):
    first = ask(client_for("visitor"))
    assert first.status == ExportJob.Status.READY
    [path] = pdfs(booklet_root)
    made_at = path.stat().st_mtime_ns

    resident = client_for("resident")
    second = ask(resident)

    assert second.status == ExportJob.Status.READY
    assert second.attempts == 0  # ready at once: never rendered
    assert second.content_key == first.content_key
    assert pdfs(booklet_root) == [path]
    assert path.stat().st_mtime_ns == made_at
    assert download(resident, second) == path.read_bytes()

    # Another paper size is another booklet.
    letter = ask(resident, paper="letter")
    assert letter.content_key != first.content_key
    assert len(pdfs(booklet_root)) == 2


def test_a_changed_agenda_makes_a_new_booklet_with_the_new_text(client_for, ask, booklet_root):
    visitor = client_for("visitor")
    before = ask(visitor)
    issue = Issue.objects.filter(agenda__slug=SLUG, visibility="public").order_by("pk").first()
    old_title = issue.title_en
    assert mentions(pdf_text(download(visitor, before)), old_title)

    issue.title_en = "Streetlights repaired along the school route"
    issue.save()
    after = ask(visitor)

    assert after.status == ExportJob.Status.READY
    assert after.attempts == 1
    assert after.content_key != before.content_key
    assert len(pdfs(booklet_root)) == 2
    text = pdf_text(download(visitor, after))
    assert mentions(text, "Streetlights repaired along the school route")
    assert not mentions(text, old_title)


def test_internal_editions_are_not_shared_between_people(
    client_for, make_person, ask, booklet_root
):
    other = make_person("facilitator-second", role="facilitator", neighbourhood=SLUG)
    second_client = Client()
    second_client.force_login(other)
    first_client = client_for("facilitator")

    first = ask(first_client, edition="internal")
    second = ask(second_client, edition="internal")

    assert second.attempts == 1
    assert first.content_key != second.content_key
    assert len(pdfs(booklet_root)) == 2
    first_text = pdf_text(download(first_client, first))
    second_text = pdf_text(download(second_client, second))
    assert "Exported by facilitator-lazaro-cardenas" in first_text
    assert "facilitator-second" not in first_text
    assert "Exported by facilitator-second" in second_text
    assert "facilitator-lazaro-cardenas" not in second_text


# --- a render that fails -------------------------------------------------------------


def test_a_failed_render_is_said_plainly_and_can_be_tried_again(
    settings, tmp_path, client_for, ask, django_capture_on_commit_callbacks
):
    # A regular file where the booklets' folder should be: the file cannot be written.
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    settings.BOOKLET_ROOT = blocker / "booklets"
    visitor = client_for("visitor")

    job = ask(visitor)

    assert job.status == ExportJob.Status.FAILED
    assert job.error
    assert list(tmp_path.rglob("*.pdf")) == []
    assert list(tmp_path.rglob("*.part")) == []
    page = visitor.get(status_url(job), headers=EN)
    assert page.status_code == 200
    text = page_text(page)
    assert "Status: Failed" in text
    assert "The booklet could not be prepared." in text
    assert "Try again" in text
    assert f'action="{retry_url(job)}"' in page.content.decode()
    assert "hx-trigger" not in status_box(page)
    assert "Intentar de nuevo" in page_text(visitor.get(status_url(job), headers=ES))
    assert visitor.get(download_url(job)).status_code == 404

    blocker.unlink()
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(retry_url(job), headers=EN)
    assert response.status_code == 302
    assert response["Location"] == status_url(job)

    job.refresh_from_db()
    assert job.status == ExportJob.Status.READY
    assert job.attempts == 2
    assert job.error == ""
    page = visitor.get(status_url(job), headers=EN)
    assert "The booklet is being prepared again." in page_text(page)
    assert "Download the PDF" in page_text(page)
    download(visitor, job)
    assert list(tmp_path.rglob("*.part")) == []


def test_rendering_a_ready_job_again_changes_nothing(client_for, ask, booklet_root):
    job = ask(client_for("visitor"))
    [path] = pdfs(booklet_root)
    made_at = path.stat().st_mtime_ns

    for _ in range(2):
        services.render_job(job.pk)
        again = ExportJob.objects.get(pk=job.pk)
        assert again.status == ExportJob.Status.READY
        assert again.attempts == job.attempts == 1
        assert again.finished_at == job.finished_at
        assert pdfs(booklet_root) == [path]
        assert path.stat().st_mtime_ns == made_at


def test_a_render_cut_short_is_finished_when_the_task_comes_again(client_for, ask, booklet_root):
    job = ask(client_for("visitor"))
    # As left by a worker that died midway: marked as rendering, no file.
    for path in pdfs(booklet_root):
        path.unlink()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RENDERING)

    services.render_job(job.pk)

    job.refresh_from_db()
    assert job.status == ExportJob.Status.READY
    assert job.attempts == 2
    assert job.has_file()


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
