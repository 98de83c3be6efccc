"""An old Word document of an agenda goes with its export, as an old PDF
booklet does; one a remaining export still points at stays."""

import pytest
from django.contrib.auth import get_user_model

from agendas.models import Agenda
from booklets.models import ExportJob
from operations.cleanup import old_booklets

from .helpers import days_ago, write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def root(settings, tmp_path):
    settings.BOOKLET_ROOT = tmp_path / "booklets"
    settings.BOOKLET_KEEP_DAYS = 7
    return settings.BOOKLET_ROOT


def word_job(key, *, days):
    made = ExportJob.objects.create(
        agenda=Agenda.objects.get(slug="lazaro-cardenas"),
        requested_by=get_user_model().objects.get(username="researcher"),
        edition="public",
        language="en",
        paper="a4",
        format="docx",
        status=ExportJob.Status.READY,
        content_key=key,
    )
    ExportJob.objects.filter(pk=made.pk).update(
        created_at=days_ago(days), finished_at=days_ago(days)
    )
    return made


def test_an_old_word_document_goes_with_its_export(root):
    old = word_job("e" * 64, days=8)
    path = write(root / f"{'e' * 64}.docx", days=8)

    removal = old_booklets()

    assert not ExportJob.objects.filter(pk=old.pk).exists()
    assert not path.exists()
    assert removal.counts == {"export jobs": 1, "booklet files": 1}


def test_a_word_document_a_newer_export_shares_is_kept(root):
    word_job("f" * 64, days=30)
    word_job("f" * 64, days=1)
    path = write(root / f"{'f' * 64}.docx", days=30)

    old_booklets()

    assert path.exists()
