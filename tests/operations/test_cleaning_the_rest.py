"""Sheets of codes past CODE_SHEET_KEEP_HOURS, expired sessions, spent staff
invitations and the files of old test runs are removed on a schedule; what
is still in use stays."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session

from communities.models import Neighbourhood
from operations.cleanup import expired_sessions, old_code_sheets, stale_test_files
from people.models import Invitation, PeopleEvent
from people.retention import spent_invitations
from people.services import invite, withdraw_invitation
from residents.models import sheet_folder

from .helpers import age_file, days_ago, files_under, write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def root(settings, tmp_path):
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    return settings.BOOKLET_ROOT


# Sheets of codes ---------------------------------------------------------


def test_a_sheet_past_its_hours_is_deleted_though_no_page_is_opened(settings):
    settings.CODE_SHEET_KEEP_HOURS = 24
    old = write(sheet_folder() / "old.pdf", days=1.1)
    stopped = write(sheet_folder() / "tmp99.part", days=1.1)  # codes in it too
    fresh = write(sheet_folder() / "fresh.pdf", days=0.9)

    removal = old_code_sheets()

    assert not old.exists() and not stopped.exists()
    assert fresh.exists()
    assert removal.counts == {"sheet files": 2}


def test_a_dry_run_keeps_the_sheets():
    old = write(sheet_folder() / "old.pdf", days=2)
    assert old_code_sheets(dry_run=True).counts == {"sheet files": 1}
    assert old.exists()


# Sessions ----------------------------------------------------------------


def session(*, expired):
    store = SessionStore()
    store["x"] = 1
    store.set_expiry(-60 if expired else 3600)
    store.create()
    return store.session_key


def test_expired_sessions_go_and_live_ones_stay():
    gone, live = session(expired=True), session(expired=False)
    before = Session.objects.count()

    assert expired_sessions(dry_run=True).counts == {"sessions": 1}
    assert Session.objects.count() == before

    assert expired_sessions().counts == {"sessions": 1}
    assert not Session.objects.filter(session_key=gone).exists()
    assert Session.objects.filter(session_key=live).exists()


# Staff invitations ---------------------------------------------------------


@pytest.fixture
def admin():
    return get_user_model().objects.get(username="admin")


def invitation(admin, *, days_ago_made):
    return invite(
        by=admin,
        role="facilitator",
        neighbourhoods=[Neighbourhood.objects.get(slug="lazaro-cardenas")],
        now=days_ago(days_ago_made),
    ).invitation


def test_spent_invitations_go_and_the_record_of_roles_stays(settings, admin):
    settings.INVITATION_DAYS = 7
    settings.INVITATION_KEEP_DAYS = 30
    expired_long_ago = invitation(admin, days_ago_made=38)  # expired 31 days ago
    expired_lately = invitation(admin, days_ago_made=36)
    waiting = invitation(admin, days_ago_made=1)
    withdrawn = invitation(admin, days_ago_made=40)
    withdraw_invitation(withdrawn, by=admin)
    Invitation.objects.filter(pk=withdrawn.pk).update(
        withdrawn_at=days_ago(35), expires_at=days_ago(33)
    )
    used = invitation(admin, days_ago_made=2)
    Invitation.objects.filter(pk=used.pk).update(used_at=days_ago(31))
    events = PeopleEvent.objects.filter(invitation=expired_long_ago).count()
    assert events

    assert spent_invitations(dry_run=True).counts == {"invitations": 3}
    assert Invitation.objects.filter(pk=expired_long_ago.pk).exists()

    removal = spent_invitations()

    left = set(Invitation.objects.values_list("pk", flat=True))
    assert expired_long_ago.pk not in left and withdrawn.pk not in left and used.pk not in left
    assert {expired_lately.pk, waiting.pk} <= left
    assert removal.counts == {"invitations": 3}
    # What happened is still told, by the events that named the invitation.
    assert PeopleEvent.objects.filter(invitation__isnull=True).count() >= events


# Files of old test runs ----------------------------------------------------


def test_old_test_folders_and_databases_go(tmp_path, settings):
    temp = tmp_path / "temp"
    old_folder = temp / "hsa-test-booklets-old"
    age_file(write(old_folder / "a.pdf", days=2), 2)
    age_file(old_folder, 2)
    busy_folder = temp / "hsa-test-booklets-busy"  # an old folder written to today
    write(busy_folder / "b.pdf")
    age_file(busy_folder, 2)
    recent_folder = temp / "hsa-test-booklets-recent"
    write(recent_folder / "c.pdf")
    own = temp / "hsa-test-booklets-own"
    age_file(write(own / "d.pdf", days=2), 2)
    age_file(own, 2)
    settings.BOOKLET_ROOT = own
    dead = finished_process()
    old_db = write(temp / f"hsa-test-{dead}.sqlite3", days=2)
    old_journal = write(temp / f"hsa-test-{dead}.sqlite3-journal", days=2)
    running_db = write(temp / f"hsa-test-{os.getpid()}.sqlite3", days=2)
    recent_db = write(temp / "hsa-test-recent.sqlite3")
    stranger = write(temp / "someone-elses.sqlite3", days=10)

    before = files_under(temp)
    planned = stale_test_files(folder=temp, dry_run=True)
    assert files_under(temp) == before

    removal = stale_test_files(folder=temp)

    assert planned == removal
    assert removal.counts == {"test folders": 1, "test databases": 1}
    assert not old_folder.exists() and not old_db.exists() and not old_journal.exists()
    assert busy_folder.exists() and recent_folder.exists() and own.exists()
    assert running_db.exists() and recent_db.exists() and stranger.exists()


def finished_process():
    """The id of a process that has ended."""
    process = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(process.stdout)
