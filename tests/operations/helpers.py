"""What the clean-up tests share: moving a file or a row back in time, and
everything the clean-up could touch, to see that a dry run touches none of it."""

import os
from datetime import datetime, timedelta
from pathlib import Path

from django.contrib.sessions.models import Session
from django.utils import timezone

from booklets.models import ExportJob
from people.models import Invitation, PeopleEvent
from residents.models import CodeBatch, ParticipantCode


def days_ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)


def age_file(path: Path, days: float) -> Path:
    """Make `path` look last written `days` ago."""
    when = days_ago(days).timestamp()
    os.utime(path, (when, when))
    return path


def write(path: Path, *, days: float = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7 test")
    return age_file(path, days)


def files_under(*folders: Path) -> list[str]:
    return sorted(str(p) for folder in folders if folder.exists() for p in folder.rglob("*"))


def snapshot(*folders: Path) -> dict:
    """Every row and file the clean-up could remove."""
    return {
        "jobs": sorted(str(pk) for pk in ExportJob.objects.values_list("pk", flat=True)),
        "sessions": sorted(Session.objects.values_list("session_key", flat=True)),
        "codes": sorted(ParticipantCode.objects.values_list("pk", flat=True)),
        "batches": sorted(CodeBatch.objects.values_list("pk", flat=True)),
        "invitations": sorted(Invitation.objects.values_list("pk", flat=True)),
        "events": sorted(PeopleEvent.objects.values_list("pk", "invitation_id")),
        "files": files_under(*folders),
    }
