"""Old booklet exports and their files are removed; a file a remaining job
still points at, a job still waiting, and a file being written are kept."""

import pytest
from django.contrib.auth import get_user_model

from agendas.models import Agenda
from booklets.models import ExportJob
from operations.cleanup import old_booklets
from residents.models import sheet_folder

from .helpers import days_ago, snapshot, write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def root(settings, tmp_path):
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    settings.BOOKLET_KEEP_DAYS = 7
    return settings.BOOKLET_ROOT


def job(key, *, days, status=ExportJob.Status.READY):
    made = ExportJob.objects.create(
        agenda=Agenda.objects.get(slug="lazaro-cardenas"),
        requested_by=get_user_model().objects.get(username="researcher"),
        edition="public",
        language="en",
        paper="a4",
        status=status,
        content_key=key,
    )
    when = days_ago(days)
    finished = when if status in (ExportJob.Status.READY, ExportJob.Status.FAILED) else None
    ExportJob.objects.filter(pk=made.pk).update(created_at=when, finished_at=finished)
    return made


def exists(made):
    return ExportJob.objects.filter(pk=made.pk).exists()


def test_an_old_export_goes_with_its_file(root):
    old = job("a" * 64, days=8)
    path = write(root / f"{'a' * 64}.pdf", days=8)
    failed = job("", days=9, status=ExportJob.Status.FAILED)

    removal = old_booklets()

    assert not exists(old) and not exists(failed)
    assert not path.exists()
    assert removal.counts == {"export jobs": 2, "booklet files": 1}


def test_a_file_a_newer_export_shares_is_kept(root):
    # The same booklet asked for again yesterday: the new job got the old file.
    old, new = job("b" * 64, days=30), job("b" * 64, days=1)
    path = write(root / f"{'b' * 64}.pdf", days=30)

    old_booklets()

    assert not exists(old) and exists(new)
    assert path.exists()


def test_recent_exports_and_their_files_stay(root):
    recent = job("c" * 64, days=6)
    path = write(root / f"{'c' * 64}.pdf", days=6)

    assert old_booklets().total == 0
    assert exists(recent) and path.exists()


@pytest.mark.parametrize("status", [ExportJob.Status.QUEUED, ExportJob.Status.RENDERING])
def test_an_export_still_waiting_or_being_made_stays_however_old(root, status):
    waiting = job("d" * 64, days=60, status=status)
    path = write(root / f"{'d' * 64}.pdf", days=60)

    old_booklets()

    assert exists(waiting) and path.exists()


def test_a_file_written_lately_stays_though_no_export_names_it_yet(root):
    # A worker writes the file first and names it on its job afterwards.
    fresh = write(root / f"{'e' * 64}.pdf", days=0.1)
    partial = write(root / "tmp1234.part", days=0.1)
    forgotten = write(root / f"{'f' * 64}.pdf", days=8)
    abandoned = write(root / "tmp5678.part", days=8)

    removal = old_booklets()

    assert fresh.exists() and partial.exists()
    assert not forgotten.exists() and not abandoned.exists()
    assert removal.counts["booklet files"] == 2


def test_sheets_of_codes_are_no_booklets(root):
    sheet = write(sheet_folder() / "sheet.pdf", days=8)
    old_booklets()
    assert sheet.exists()


def test_a_dry_run_changes_nothing_and_says_the_same(root):
    job("a" * 64, days=8)
    job("b" * 64, days=30), job("b" * 64, days=1)
    write(root / f"{'a' * 64}.pdf", days=8)
    write(root / f"{'b' * 64}.pdf", days=30)
    before = snapshot(root)

    planned = old_booklets(dry_run=True)

    assert snapshot(root) == before
    assert planned.counts == {"export jobs": 2, "booklet files": 1}
    assert old_booklets() == planned


@pytest.mark.parametrize("count", [1, 10])
def test_the_clean_up_costs_the_same_queries_however_many_exports(
    root, django_assert_num_queries, count
):
    for n in range(count):
        job(f"{n:064d}", days=8)
        write(root / f"{n:064d}.pdf", days=8)
    with django_assert_num_queries(3):  # the jobs, their deletion, the files' jobs
        assert old_booklets().counts == {"export jobs": count, "booklet files": count}
