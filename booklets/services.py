"""Asking for a booklet, sending the job to a worker, and rendering it.

The rules shared by the web pages, the task and the command line live here.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from weasyprint.urls import FatalURLFetchingError

from access.rules import can_see_restricted, can_view_agenda
from core.files import write_atomically
from core.pdf import render_pdf

from . import jobs
from .documents import agenda_docx
from .keys import booklet_key
from .models import Edition, ExportJob, Format
from .rendering import Stamp, booklet_html

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from access.types import Person
    from agendas.models import Agenda
    from communities.models import User

log = logging.getLogger(__name__)


def may_export(user: User | AnonymousUser, agenda: Agenda, edition: str) -> bool:
    """The public edition: anyone who may see the agenda. The internal one:
    those who may see its restricted items (never a visitor)."""
    if edition == Edition.INTERNAL:
        return user.is_authenticated and can_see_restricted(user, agenda)
    return can_view_agenda(user, agenda)


def session_hash(session_key: str | None) -> str:
    return hashlib.sha256(f"booklet:{session_key}".encode()).hexdigest()


def owner_of(request: HttpRequest) -> dict[str, Any]:
    """How a job remembers who asked: the account, or the browser session."""
    if request.user.is_authenticated:
        return {"requested_by": request.user}
    if not request.session.session_key:
        request.session.save()
    return {"session_hash": session_hash(request.session.session_key)}


def belongs_to(job: ExportJob, request: HttpRequest) -> bool:
    if request.user.is_authenticated:
        return job.requested_by_id == request.user.pk
    key = request.session.session_key
    return bool(key) and not job.requested_by_id and job.session_hash == session_hash(key)


def request_export(
    owner: dict[str, Any],
    agenda: Agenda,
    *,
    edition: str,
    language: str,
    paper: str,
    format: str = Format.PDF,
) -> ExportJob:
    """A job for this booklet, as a PDF or a Word document. If the same
    document was already made from the same content, the new job is ready
    at once and shares its file."""
    user = owner.get("requested_by")
    if not may_export(user or _anonymous(), agenda, edition):
        raise PermissionDenied
    key = with_format(_key(agenda, user, edition, language, paper), format)
    job = ExportJob(
        agenda=agenda, edition=edition, language=language, paper=paper, format=format, **owner
    )
    job.content_key = key
    done = ExportJob.objects.filter(content_key=key, status=ExportJob.Status.READY).first()
    with transaction.atomic():
        if done and done.has_file():
            job.status = ExportJob.Status.READY
            job.dispatched = True
            job.finished_at = timezone.now()
            job.save()
        else:
            job.save()
            transaction.on_commit(lambda: dispatch(job.pk))
    return job


def _anonymous() -> AnonymousUser:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def _key(agenda: Agenda, user: Person, edition: str, language: str, paper: str) -> str:
    """The booklet's file name, found without rendering it (booklets.keys)."""
    return booklet_key(agenda, user=user, edition=edition, language=language, paper=paper)


def with_format(key: str, format: str) -> str:
    """A content key for the document's format: the same content as a PDF
    and as a Word document makes two files. A PDF keeps the key as it is."""
    if format == Format.PDF:
        return key
    return hashlib.sha256(f"{key}\x00{format}".encode()).hexdigest()


# Declared here, beside the work it does, and imported by booklets.tasks where
# Celery looks for it: asking for a booklet and rendering it need no import of
# each other.
@jobs.job_task("booklets.tasks.render_booklet")
def render_booklet(job_id: str) -> None:
    render_job(job_id)


# Sending a job, the jobs waiting for the broker (booklets.signals sends them
# when a worker starts), and a failed one again.
QUEUE = jobs.Queue(render_booklet, ExportJob)
dispatch, dispatch_waiting, retry = QUEUE.dispatch, QUEUE.dispatch_waiting, QUEUE.retry


def render_job(job_id: UUID | str) -> ExportJob | Path | None:
    """Render a job's booklet. Safe to run twice, or after a worker died
    midway: a finished job is left alone, and the file appears whole or not
    at all (written aside, then renamed)."""
    job, taken = jobs.take(
        ExportJob, job_id, ExportJob.Status.RENDERING, "agenda__neighbourhood__city", "requested_by"
    )
    if not taken:
        return job
    try:
        content = make_booklet(job)
    # The time limit and a refused URL (a BaseException in WeasyPrint) included:
    # the job says it failed.
    except (Exception, FatalURLFetchingError) as error:
        log.exception("Booklet %s failed", job.pk)
        jobs.failed(ExportJob, job.pk, error)
        return None
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.READY,
        content_key=job.content_key,
        error="",
        finished_at=timezone.now(),
    )
    return content


def make_booklet(job: ExportJob) -> Path:
    """Render the job's PDF or Word document into its file (named by the
    content's key, booklets.keys) and return the path. The content is read
    now, after its key: if the agenda changed since the request, the booklet
    shows the new text, under the new key. Its HTML is rendered once, for
    the PDF."""
    user = job.requested_by
    if not may_export(user or _anonymous(), job.agenda, job.edition):
        raise PermissionDenied("The person who asked may no longer export this edition.")
    options = {"edition": job.edition, "language": job.language, "paper": job.paper}
    job.content_key = with_format(_key(job.agenda, user, **options), job.format)
    path = job.file_path
    if path.exists():
        return path
    stamp = None
    if job.edition == Edition.INTERNAL:
        assert user is not None  # may_export gives no visitor the internal edition
        stamp = Stamp(user.get_full_name() or user.get_username(), timezone.now())
    if job.format == Format.DOCX:
        content = agenda_docx(job.agenda, user=user, stamp=stamp, **options)
    else:
        content = render_pdf(booklet_html(job.agenda, user=user, stamp=stamp, **options))
    write_atomically(path, content)
    return path
