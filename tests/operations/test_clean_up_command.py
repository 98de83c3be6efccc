"""`manage.py clean_up` says what it removed (or would remove, changing
nothing on a dry run), kind by kind, and refuses a kind it does not know."""

import re
import tempfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from booklets.models import ExportJob
from communities.models import Neighbourhood
from residents.models import ParticipantCode, sheet_folder
from residents.services import issue_batch

from .helpers import days_ago, snapshot, write
from .test_cleaning_booklets import job

pytestmark = pytest.mark.django_db


@pytest.fixture
def leftovers(settings, tmp_path, monkeypatch):
    """Something of every kind to clean up, in folders of the test's own."""
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    job("a" * 64, days=settings.BOOKLET_KEEP_DAYS + 1)
    write(settings.BOOKLET_ROOT / f"{'a' * 64}.pdf", days=settings.BOOKLET_KEEP_DAYS + 1)
    write(sheet_folder() / "old.pdf", days=2)
    issue_batch(
        Neighbourhood.objects.get(slug="lazaro-cardenas"),
        2,
        expires_at=days_ago(settings.PARTICIPANT_CODE_KEEP_DAYS + 1),
    )
    write(temp / "hsa-test-booklets-x" / "b.pdf", days=2)
    write(temp / "hsa-test-x.sqlite3", days=2)
    return [tmp_path]


def run(*args):
    out = StringIO()
    call_command("clean_up", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_says_what_would_go_and_changes_nothing(leftovers):
    before = snapshot(*leftovers)

    output = run("--dry-run")

    assert snapshot(*leftovers) == before
    assert "booklets — would remove export jobs: 1, booklet files: 1." in output
    assert "code-sheets — would remove sheet files: 1." in output
    assert "participant-codes — would remove unused codes: 2, code batches: 1." in output
    assert "sessions — would remove sessions: 0." in output
    assert "invitations — would remove invitations: 0." in output
    # The folder's mtime is today: only the database is old enough.
    assert "test-files — would remove test folders: 0, test databases: 1." in output
    assert output.endswith("Dry run: nothing was changed.\n")


def test_it_removes_what_it_says(leftovers):
    output = run("-v", "2")

    assert "booklets — removed export jobs: 1, booklet files: 1." in output
    assert "  removed export job " in output
    assert "  removed sheet file " in output
    assert "  removed test database " in output
    assert not ExportJob.objects.filter(content_key="a" * 64).exists()
    assert not any(sheet_folder().iterdir())
    assert "Dry run" not in output
    again = run()  # nothing is left to remove
    assert len(again.splitlines()) == 6
    assert set(re.findall(r": (\d+)", again)) == {"0"}


def test_only_the_kinds_asked_for(leftovers):
    output = run("--only", "code-sheets", "--only", "sessions")

    assert output.splitlines() == [
        "code-sheets — removed sheet files: 1.",
        "sessions — removed sessions: 0.",
    ]
    assert ExportJob.objects.filter(content_key="a" * 64).exists()
    assert ParticipantCode.objects.filter(batch__expires_at__lt=days_ago(1)).count() == 2


def test_an_unknown_kind_is_refused_and_nothing_changes(leftovers):
    before = snapshot(*leftovers)
    with pytest.raises(CommandError, match="invalid choice: 'everything'"):
        run("--only", "everything")
    assert snapshot(*leftovers) == before
