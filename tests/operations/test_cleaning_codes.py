"""Participant codes that can never let anyone in again (withdrawn, or of an
expired batch) are deleted once PARTICIPANT_CODE_KEEP_DAYS have passed; a
code someone joined with stays, and so does everything of its resident."""

import pytest
from django.contrib.auth import get_user_model

from agendas.models import Issue
from communities.models import Membership, Neighbourhood
from operations.cleanup import dead_participant_codes
from residents.models import CodeBatch, CodeSheet, ParticipantCode, ResidentProfile
from residents.services import issue_batch, redeem, revoke_batch, revoke_code
from tests.voting import open_round
from voting.models import Ballot, Participation
from voting.services import cast_ballot

from .helpers import days_ago, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_days(settings):
    settings.PARTICIPANT_CODE_KEEP_DAYS = 90


def batch(count=3, *, expired_days_ago=None):
    expires = days_ago(expired_days_ago) if expired_days_ago is not None else None
    return issue_batch(
        Neighbourhood.objects.get(slug="lazaro-cardenas"), count, expires_at=expires, label="x"
    )


def codes_of(batch):
    return set(ParticipantCode.objects.filter(batch=batch).values_list("number", flat=True))


def exists(batch):
    return CodeBatch.objects.filter(pk=batch.pk).exists()


def test_an_expired_batch_no_one_used_goes_with_its_codes():
    gone = batch(expired_days_ago=91).batch

    removal = dead_participant_codes()

    assert not exists(gone)
    assert removal.counts == {"unused codes": 3, "code batches": 1}


def test_a_batch_expired_lately_or_never_expiring_stays():
    lately, forever = batch(expired_days_ago=89).batch, batch().batch

    assert dead_participant_codes().total == 0
    assert codes_of(lately) == codes_of(forever) == {1, 2, 3}


def test_a_withdrawn_batch_goes_once_its_time_is_up():
    withdrawn = batch().batch
    revoke_batch(withdrawn)
    dead_participant_codes()
    assert exists(withdrawn)  # withdrawn today

    CodeBatch.objects.filter(pk=withdrawn.pk).update(revoked_at=days_ago(91))
    dead_participant_codes()
    assert not exists(withdrawn)


def test_one_withdrawn_slip_goes_and_its_batch_stays():
    issued = batch()
    revoke_code(issued.batch, 2)
    ParticipantCode.objects.filter(batch=issued.batch, number=2).update(revoked_at=days_ago(91))

    assert dead_participant_codes().counts == {"unused codes": 1, "code batches": 0}
    assert codes_of(issued.batch) == {1, 3}


def test_the_code_a_resident_joined_with_stays_and_the_resident_with_all_they_gave():
    issued = batch()
    resident = redeem(issued.codes[0][1])
    round = open_round()
    issue = round.ballot_issues().filter(kind=Issue.Kind.PRIORITISED).first()
    cast_ballot(round, resident, {issue.pk: 1})
    CodeBatch.objects.filter(pk=issued.batch.pk).update(expires_at=days_ago(91))
    # The batch's sheet is kept as a record of what was printed.
    sheet = CodeSheet.objects.create(
        neighbourhood=issued.batch.neighbourhood,
        requested_by=get_user_model().objects.get(username="facilitator-lazaro-cardenas"),
        count=3,
        paper="a4",
        batch=issued.batch,
    )

    removal = dead_participant_codes()

    assert removal.counts == {"unused codes": 2, "code batches": 0}
    kept = ParticipantCode.objects.get(batch=issued.batch)
    assert kept.number == 1 and kept.resident == resident
    assert get_user_model().objects.filter(pk=resident.pk, is_active=True).exists()
    assert ResidentProfile.objects.filter(user=resident).exists()
    assert Membership.objects.filter(user=resident, role="resident").exists()
    assert Participation.objects.filter(round=round, voter=resident).exists()
    assert Ballot.objects.filter(round=round).count() == 1
    sheet.refresh_from_db()
    assert sheet.batch_id == issued.batch.pk


def test_a_batch_deleted_leaves_its_sheet_without_a_batch():
    issued = batch(expired_days_ago=91)
    sheet = CodeSheet.objects.create(
        neighbourhood=issued.batch.neighbourhood,
        requested_by=get_user_model().objects.get(username="facilitator-lazaro-cardenas"),
        count=3,
        paper="a4",
        batch=issued.batch,
    )
    dead_participant_codes()
    sheet.refresh_from_db()
    assert sheet.batch_id is None


def test_a_dry_run_changes_nothing_and_says_the_same():
    batch(expired_days_ago=91)
    used = batch()
    redeem(used.codes[0][1])
    CodeBatch.objects.filter(pk=used.batch.pk).update(expires_at=days_ago(91))
    withdrawn = batch()
    revoke_code(withdrawn.batch, 1)
    ParticipantCode.objects.filter(batch=withdrawn.batch, number=1).update(revoked_at=days_ago(100))
    before = snapshot()

    planned = dead_participant_codes(dry_run=True)

    assert snapshot() == before
    assert planned.counts == {"unused codes": 6, "code batches": 1}
    assert dead_participant_codes() == planned


@pytest.mark.parametrize("count", [1, 10])
def test_the_clean_up_costs_the_same_queries_however_many_codes(django_assert_num_queries, count):
    for _ in range(count):
        batch(expired_days_ago=91)
    # As many for ten batches as for one: the deletions go by whole querysets.
    with django_assert_num_queries(8):
        assert dead_participant_codes().counts["code batches"] == count
