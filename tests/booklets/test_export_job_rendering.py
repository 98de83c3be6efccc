"""Rendering a booklet job: identical requests share one file, a changed
agenda makes a new one, and a failed render is said plainly and tried
again."""

import pytest
from django.test import Client

from agendas.models import Issue
from booklets import services
from booklets.models import ExportJob
from tests.helpers import EN, ES
from tests.pages.helpers import page_text

from .jobs import (
    SLUG,
    download,
    download_url,
    mentions,
    pdf_text,
    pdfs,
    retry_url,
    status_box,
    status_url,
)

pytestmark = pytest.mark.usefixtures("eager_tasks", "booklet_root")


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
