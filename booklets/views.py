"""Asking for a booklet, following its progress, and downloading it.

A job is seen only by the person (or browser session) that asked for it:
anyone else, whatever the link they hold, gets 404.
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from access.fetch import get_visible_or_404
from agendas.models import Agenda
from core.forms import render_form
from core.text import reader_language

from . import jobs, services
from .forms import BookletForm
from .models import Edition, ExportJob, Format, Paper


@require_http_methods(["GET", "HEAD", "POST"])
def booklet_form(request, slug):
    agenda = get_visible_or_404(
        request.user, Agenda.objects.select_related("neighbourhood__city"), slug=slug
    )
    editions = [e for e in Edition.values if services.may_export(request.user, agenda, e)]
    initial = {
        "format": Format.PDF,
        "edition": Edition.PUBLIC,
        "language": reader_language(),
        "paper": Paper.LETTER if get_language().startswith("es") else Paper.A4,
    }
    form = BookletForm(
        request.POST if request.method == "POST" else None, initial=initial, editions=editions
    )
    if request.method == "POST" and form.is_valid():
        job = services.request_export(services.owner_of(request), agenda, **form.cleaned_data)
        return redirect("booklet-job", pk=job.pk)
    return render_form(request, "booklets/form.html", {"form": form, "agenda": agenda})


def _job(request, pk):
    job = ExportJob.objects.select_related("agenda").filter(pk=pk).first()
    if job is None or not services.belongs_to(job, request):
        raise Http404
    return job


@require_safe
def job_status(request, pk):
    job = _job(request, pk)
    jobs.send_if_waiting(job, services.dispatch)
    return job_page(request, "booklets/job.html", {"job": job}, finished=job.is_finished)


@require_safe
def job_download(request, pk):
    job = _job(request, pk)
    # Permissions are asked again: they may have changed since the request.
    if not services.may_export(request.user, job.agenda, job.edition):
        raise Http404
    if job.status != ExportJob.Status.READY or not job.has_file():
        raise Http404
    return private_pdf(job.file_path, job.filename(), content_type=job.content_type)


# htmx stops polling a part of a page when the server answers with this code.
STOP_POLLING = 286


def job_page(request, template, context, *, finished):
    """The page of a background job. Refreshed by htmx while the job runs;
    once it is finished, htmx's request is answered 286, which shows the
    last state and stops the refreshing."""
    response = render(request, template, context)
    if finished and request.headers.get("HX-Request") == "true":
        response.status_code = STOP_POLLING
    response["Cache-Control"] = "private, no-store"
    return response


def private_pdf(path, filename, *, content_type="application/pdf"):
    """A PDF (or another document) made for one person, as a download no
    cache keeps."""
    response = FileResponse(
        open(path, "rb"),  # noqa: SIM115 (FileResponse closes it)
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def job_retry(request, pk):
    job = _job(request, pk)
    if services.retry(job):
        messages.info(request, _("The booklet is being prepared again."))
    return redirect("booklet-job", pk=job.pk)
