"""Sheets of participant codes, made in the background like booklets.

A facilitator asks for a sheet; a worker issues the batch (one short
transaction) and lays out its slips with no transaction open, so that on
SQLite nobody else's save waits for a sheet of 500 codes. The codes exist
only in the sheet's file, which only its requester may download, and which
is deleted once it is no longer needed: on request, when its batch is
withdrawn, or `CODE_SHEET_KEEP_HOURS` after it was made.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from weasyprint.urls import FatalURLFetchingError

from booklets import jobs
from core.files import write_atomically

from .models import CodeBatch, CodeSheet, sheet_folder
from .services import issue_batch
from .slips import slips_pdf

log = logging.getLogger(__name__)
PERMISSION = "residents.add_codebatch"


def request_sheet(neighbourhood, *, requested_by, count, days, label, paper, site_url):
    """A queued sheet, sent to a worker once the caller's transaction commits."""
    if not requested_by.has_perm(PERMISSION, neighbourhood):
        raise PermissionDenied
    with transaction.atomic():
        sheet = CodeSheet.objects.create(
            neighbourhood=neighbourhood,
            requested_by=requested_by,
            count=count,
            days=days,
            label=label,
            paper=paper,
            site_url=site_url,
        )
        transaction.on_commit(lambda: dispatch(sheet.pk))
    return sheet


# Declared here, beside the work it does, and imported by residents.tasks
# where Celery looks for it: with the same guarantees as the booklet's.
@jobs.job_task("residents.tasks.make_code_sheet")
def make_code_sheet(sheet_id):
    make_sheet(sheet_id)


# As a booklet's (booklets.jobs.Queue); residents.signals sends the waiting
# ones when a worker starts.
QUEUE = jobs.Queue(make_code_sheet, CodeSheet)
dispatch, dispatch_waiting, retry = QUEUE.dispatch, QUEUE.dispatch_waiting, QUEUE.retry


def make_sheet(sheet_id):
    """Issue the sheet's batch and write its file. Safe to run twice, or
    after a worker died midway: a ready sheet is left alone, and a batch
    left by an attempt that did not finish is deleted (its codes never
    reached anyone) before a new one is issued."""
    forget_old_sheets()
    sheet, taken = jobs.take(
        CodeSheet, sheet_id, CodeSheet.Status.MAKING, "neighbourhood", "requested_by"
    )
    if not taken:
        return sheet
    unfinished = sheet.batch_id
    if unfinished:
        CodeBatch.objects.filter(pk=unfinished).delete()
        sheet.delete_file()
    batch = None
    try:
        if not sheet.requested_by.has_perm(PERMISSION, sheet.neighbourhood):
            raise PermissionDenied("The person who asked may no longer print codes here.")
        issued = issue_batch(
            sheet.neighbourhood,
            sheet.count,
            created_by=sheet.requested_by,
            expires_at=timezone.now() + timedelta(days=sheet.days) if sheet.days else None,
            label=sheet.label,
        )
        batch = issued.batch
        CodeSheet.objects.filter(pk=sheet.pk).update(batch=batch)
        # No transaction is open here: the slips are laid out while others save.
        write_atomically(
            sheet.file_path, slips_pdf(issued, site_url=sheet.site_url, paper=sheet.paper)
        )
    # The time limit and a refused URL (a BaseException in WeasyPrint) included.
    except (Exception, FatalURLFetchingError) as error:
        log.exception("Code sheet %s failed", sheet.pk)
        if batch is not None:  # no one will ever hold its codes
            batch.delete()
        jobs.failed(CodeSheet, sheet.pk, error)
        return None
    CodeSheet.objects.filter(pk=sheet.pk).update(
        status=CodeSheet.Status.READY, error="", finished_at=timezone.now()
    )
    return sheet.file_path


def mark_downloaded(sheet):
    if sheet.downloaded_at is None:
        sheet.downloaded_at = timezone.now()
        CodeSheet.objects.filter(pk=sheet.pk, downloaded_at__isnull=True).update(
            downloaded_at=sheet.downloaded_at
        )


def forget_old_sheets(now=None):
    """Delete the sheets written more than CODE_SHEET_KEEP_HOURS ago; returns
    how many there were. Pages call it on the way, and the scheduled
    clean-up (operations.cleanup) every hour, so that no sheet outlives its
    time because nobody opened a page."""
    deleted = 0
    for path in old_sheet_files(now):
        path.unlink(missing_ok=True)
        deleted += 1
    return deleted


def old_sheet_files(now=None):
    """The sheets written more than CODE_SHEET_KEEP_HOURS ago, and what a
    worker stopped midway left of one (a `.part` file holds codes too).
    Reads the folder, not the table: the work stays as small as the number
    of sheets kept, however many were ever made."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.CODE_SHEET_KEEP_HOURS)
    folder = sheet_folder()
    paths = [*folder.glob("*.pdf"), *folder.glob("*.part")]
    return sorted(path for path in paths if _modified(path) < cutoff.timestamp())


def _modified(path):
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # deleted by another process meanwhile
        return float("inf")
