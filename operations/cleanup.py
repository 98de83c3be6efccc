"""What the site clears away on a schedule, and what it must keep.

Each kind of clean-up is a function that removes what has outlived its use
(or, on a dry run, only says what it would remove) and returns a `Removal`.
The `clean_up` command and the Celery tasks both call them.

What is kept, whatever its age:
- a booklet's file while any export job still points at it, and a job
  still waiting or being made;
- a participant code a resident joined with (it names its resident; their
  profile and ballots never depend on codes, which are only ever deleted,
  never changed);
- what other apps register keeps by their own rules (core.cleanup);
- anything of a test run still going on.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from booklets.models import SUFFIXES, ExportJob
from core.cleanup import Removal, Rule
from core.cleanup import kinds as registered_kinds
from residents.models import CodeBatch, ParticipantCode
from residents.sheets import old_sheet_files


def _cutoff(now: datetime | None, **age: int) -> datetime:
    return (now or timezone.now()) - timedelta(**age)


def _unlink(paths: Iterable[Path], dry_run: bool) -> list[Path]:
    """The files deleted (or, on a dry run, that would be)."""
    gone = []
    for path in paths:
        if not dry_run:
            try:
                path.unlink()
            except FileNotFoundError:  # another clean-up was quicker
                continue
        gone.append(path)
    return gone


def _modified_before(path: Path, cutoff: datetime) -> bool:
    try:
        return path.stat().st_mtime < cutoff.timestamp()
    except FileNotFoundError:
        return False


# Booklets ---------------------------------------------------------------


def old_booklets(*, now: datetime | None = None, dry_run: bool = False) -> Removal:
    """Export jobs finished (or failed) more than BOOKLET_KEEP_DAYS ago, and
    the booklet files no remaining job points at and nobody wrote since.

    A file is shared by every job of the same content (booklets.services),
    so a file is judged by the jobs left, not by the jobs removed. A file
    written lately is kept even if no job names it yet: a worker renames
    its job's key only once the file is written."""
    cutoff = _cutoff(now, days=settings.BOOKLET_KEEP_DAYS)
    finished = [ExportJob.Status.READY, ExportJob.Status.FAILED]
    old = Q(status__in=finished, created_at__lt=cutoff) & (
        Q(finished_at__isnull=True) | Q(finished_at__lt=cutoff)
    )
    jobs = ExportJob.objects.filter(old)
    removal = Removal("booklets")
    removal.items += [f"export job {pk}" for pk in jobs.values_list("pk", flat=True)]
    removal.counts["export jobs"] = len(removal.items)
    if not dry_run:
        jobs.delete()
    root = settings.BOOKLET_ROOT
    candidates = [
        path
        # PDF booklets and Word documents, and files half-written.
        for suffix in [*SUFFIXES.values(), "part"]
        for path in root.glob(f"*.{suffix}")
        if _modified_before(path, cutoff)
    ]
    # Asked after the jobs are gone (or, on a dry run, leaving out those that
    # would be), so that a job made meanwhile keeps its file.
    wanted = set(
        ExportJob.objects.filter(content_key__in=[p.stem for p in candidates])
        .exclude(old)
        .values_list("content_key", flat=True)
    )
    files = _unlink((p for p in candidates if p.stem not in wanted), dry_run)
    removal.items += [f"booklet file {path}" for path in files]
    removal.counts["booklet files"] = len(files)
    return removal


# Sheets of participant codes --------------------------------------------


def old_code_sheets(*, now: datetime | None = None, dry_run: bool = False) -> Removal:
    """Sheets of codes written more than CODE_SHEET_KEEP_HOURS ago: the same
    rule the pages apply on the way (residents.sheets), on a schedule."""
    files = _unlink(old_sheet_files(now), dry_run)
    return Removal(
        "code-sheets",
        counts={"sheet files": len(files)},
        items=[f"sheet file {path}" for path in files],
    )


# Sessions ----------------------------------------------------------------


def expired_sessions(*, now: datetime | None = None, dry_run: bool = False) -> Removal:
    """Browser sessions past their expiry date, as Django's `clearsessions`
    removes them (the site keeps sessions in the database)."""
    sessions = Session.objects.filter(expire_date__lt=now or timezone.now())
    count = sessions.count() if dry_run else sessions.delete()[0]
    return Removal("sessions", counts={"sessions": count})


# Participant codes -------------------------------------------------------


def dead_participant_codes(*, now: datetime | None = None, dry_run: bool = False) -> Removal:
    """Codes no one used that were withdrawn (one slip, or their whole
    batch) or whose batch expired, more than PARTICIPANT_CODE_KEEP_DAYS
    ago; then the batches so old that have no code left.

    Only unused codes are deleted: a used code names the resident it made,
    and deleting a row that points at a resident changes nothing of the
    resident, their profile or their ballots."""
    cutoff = _cutoff(now, days=settings.PARTICIPANT_CODE_KEEP_DAYS)
    batch_over = Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff)
    codes = ParticipantCode.objects.filter(
        Q(revoked_at__lt=cutoff)
        | Q(batch__revoked_at__lt=cutoff)
        | Q(batch__expires_at__lt=cutoff),
        used_at__isnull=True,
        resident__isnull=True,
    )
    removal = Removal("participant-codes")
    # Codes of such a batch are all deleted but the used ones: the batch is
    # left empty when none of its codes was used.
    batches = CodeBatch.objects.filter(batch_over).annotate(
        left=Count("codes", filter=Q(codes__used_at__isnull=False) if dry_run else None)
    )
    with transaction.atomic():
        if dry_run:
            removal.counts["unused codes"] = codes.count()
        else:
            removal.counts["unused codes"] = codes.delete()[0]
        empty = [batch for batch in batches if not batch.left]
        if not dry_run:
            CodeBatch.objects.filter(pk__in=[batch.pk for batch in empty]).delete()
    removal.counts["code batches"] = len(empty)
    removal.items += [
        f"code batch #{batch.pk}" + (f" ({batch.label})" if batch.label else "") for batch in empty
    ]
    return removal


# Files the test suite leaves behind ----------------------------------------

TEST_FOLDERS = "hsa-test-booklets-*"
TEST_DATABASES = "hsa-test-*.sqlite3"


def stale_test_files(
    *, now: datetime | None = None, dry_run: bool = False, folder: Path | None = None
) -> Removal:
    """The booklet folders and SQLite databases of test runs (see
    config/settings/test.py) untouched for a day, in the temporary folder.
    A database whose test process still runs is kept, and so is this
    process's own booklet folder."""
    folder = Path(folder or tempfile.gettempdir())
    cutoff = _cutoff(now, days=1)
    own = Path(settings.BOOKLET_ROOT).resolve()
    removal = Removal("test-files")
    folders = [
        path
        for path in sorted(folder.glob(TEST_FOLDERS))
        if path.is_dir() and path.resolve() != own and _untouched_since(path, cutoff)
    ]
    databases = [
        path
        for path in sorted(folder.glob(TEST_DATABASES))
        if _modified_before(path, cutoff) and not _process_runs(path)
    ]
    for path in folders:
        if not dry_run:
            shutil.rmtree(path, ignore_errors=True)
        removal.items.append(f"test folder {path}")
    for path in databases:
        # SQLite's journal files go with their database.
        siblings = [Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm")]
        _unlink([s for s in siblings if s.exists()], dry_run)
    removal.items += [f"test database {path}" for path in _unlink(databases, dry_run)]
    removal.counts = {"test folders": len(folders), "test databases": len(databases)}
    return removal


def _untouched_since(folder: Path, cutoff: datetime) -> bool:
    """Nothing in the folder (nor the folder itself) changed since `cutoff`."""
    return all(
        _modified_before(path, cutoff) for path in [folder, *folder.rglob("*")] if path.exists()
    )


def _process_runs(database: Path) -> bool:
    """Whether the test process that named the database after its id runs."""
    pid = database.name.removeprefix("hsa-test-").removesuffix(".sqlite3")
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


# All kinds -----------------------------------------------------------------

# This app's kinds; others register theirs from their own apps (people:
# spent staff invitations).
OWN_KINDS: dict[str, Rule] = {
    "booklets": old_booklets,
    "code-sheets": old_code_sheets,
    "sessions": expired_sessions,
    "participant-codes": dead_participant_codes,
    "test-files": stale_test_files,
}


def clean_up(
    kinds: Iterable[str] | None = None, *, now: datetime | None = None, dry_run: bool = False
) -> list[Removal]:
    """Run the named kinds of clean-up (every registered one by default), in order."""
    known = registered_kinds()
    chosen = list(known) if kinds is None else list(kinds)
    unknown = [kind for kind in chosen if kind not in known]
    if unknown:
        raise ValueError(f"Unknown kind of clean-up: {', '.join(unknown)}")
    return [known[kind](now=now, dry_run=dry_run) for kind in chosen]
