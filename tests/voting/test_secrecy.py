"""The secret ballot: someone holding a copy of the database learns who voted,
and what was voted, but cannot tell who voted what. Only the server, with a
secret kept out of the database, finds a resident's ballot again (to replace
it while the vote is open)."""

import hashlib
import hmac
import uuid

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection, models

from communities.models import ParticipantGroup
from residents.models import ResidentProfile
from tests.helpers import EN, signed_in
from tests.voting import (
    cast,
    many_residents,
    open_round,
    receipt_of,
    resident_with_code,
    text_in_database,
)
from voting import selectors, services
from voting.models import Ballot, BallotGroup, BallotMark, Participation

pytestmark = pytest.mark.django_db

BALLOT_TABLES = [Ballot, BallotMark, Ballot.groups.through]
TIME_FIELDS = (models.DateField, models.TimeField, models.DurationField)  # DateTimeField included


def test_no_ballot_row_names_a_person_or_a_moment():
    User = get_user_model()
    for model in BALLOT_TABLES:
        for field in model._meta.get_fields():
            assert field.related_model is not User, f"{model.__name__}.{field.name}"
            assert not isinstance(field, TIME_FIELDS), f"{model.__name__}.{field.name}"


def test_the_ballot_tables_in_the_database_have_no_person_and_no_time():
    # The same, read from the tables themselves rather than from the models.
    user_table = get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        for model in BALLOT_TABLES:
            table = model._meta.db_table
            constraints = connection.introspection.get_constraints(cursor, table)
            targets = {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}
            assert user_table not in targets, table
            for column in connection.introspection.get_table_description(cursor, table):
                kind = connection.introspection.get_field_type(column.type_code, column)
                assert kind not in ("DateField", "DateTimeField", "TimeField", "DurationField"), (
                    f"{table}.{column.name}"
                )


def test_a_participation_holds_the_round_and_the_voter_and_nothing_else():
    fields = {field.name for field in Participation._meta.concrete_fields}
    assert fields == {"id", "round", "voter"}
    for field in Participation._meta.get_fields():
        assert field.related_model not in (Ballot, BallotMark), field.name


def test_nothing_else_in_the_database_points_at_a_ballot():
    # A log, a history table or a cache of ballots would undo the secret.
    pointing = {
        (model._meta.label, field.name)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Ballot
    }
    assert pointing == {
        ("voting.BallotMark", "ballot"),
        (Ballot.groups.through._meta.label, "ballot"),
    }


def test_ballot_ids_are_random_and_do_not_follow_the_order_of_voting():
    round = open_round("approval")
    issues = list(round.ballot_issues())
    voters = many_residents(30)
    cast_order = []
    for n, voter in enumerate(voters):
        known = set(Ballot.objects.values_list("id", flat=True))
        services.cast_ballot(round, voter, {issues[n % len(issues)].pk: 1})
        (new,) = set(Ballot.objects.values_list("id", flat=True)) - known
        cast_order.append(new)

    assert all(isinstance(pk, uuid.UUID) and pk.version == 4 for pk in cast_order)
    # Participations follow the order of voting...
    participants = list(Participation.objects.order_by("pk").values_list("voter_id", flat=True))
    assert participants == [voter.pk for voter in voters]
    # ...ballots by their id do not: one list cannot be laid over the other.
    by_id = list(Ballot.objects.order_by("id").values_list("id", flat=True))
    assert sorted(by_id) == sorted(cast_order)
    assert by_id != cast_order
    assert any(
        (a < b) != (cast_order.index(a) < cast_order.index(b))
        for a, b in zip(by_id, by_id[1:], strict=False)
    )


def candidate_digests(message, keys):
    """What someone with only the database could compute for `message`:
    a plain hash, or a keyed hash with any text the database holds as key
    (as is, and derived the way the code derives its key)."""
    data = message.encode()
    yield hashlib.sha256(data).hexdigest()
    for key in keys:
        for variant in (key, key + ":ballots"):
            yield hmac.new(variant.encode(), data, hashlib.sha256).hexdigest()


def test_a_voter_key_cannot_be_computed_from_the_database_but_the_server_finds_it(demo_users):
    round = open_round("dots")
    issues = list(round.ballot_issues())
    voters = [demo_users["resident"], resident_with_code(), resident_with_code()]
    for n, voter in enumerate(voters):
        services.cast_ballot(round, voter, {issues[n].pk: 2})
    keys = set(Ballot.objects.filter(round=round).values_list("voter_key", flat=True))
    texts = set(text_in_database()) | {""}
    assert len(texts) > 100  # the whole demo is there to try

    for voter in voters:
        for message in (f"{round.pk}:{voter.pk}", f"{round.pk}:{voter.username}"):
            assert keys.isdisjoint(candidate_digests(message, texts)), message

    # The server, with its secret, finds each voter's ballot.
    assert {services.voter_key(round.pk, voter.pk) for voter in voters} == keys


def test_voting_again_keeps_the_same_key_and_replaces_the_ballot(demo_users):
    round = open_round("dots")
    issues = list(round.ballot_issues())
    resident = demo_users["resident"]
    services.cast_ballot(round, resident_with_code(), {issues[3].pk: 1})
    services.cast_ballot(round, resident, {issues[0].pk: 3})
    key = services.voter_key(round.pk, resident.pk)
    first = Ballot.objects.get(round=round, voter_key=key)

    services.cast_ballot(round, resident, {issues[1].pk: 2})

    again = Ballot.objects.get(round=round, voter_key=key)
    assert again.pk != first.pk
    assert Ballot.objects.filter(round=round).count() == 2
    assert dict(again.marks.values_list("issue_id", "points")) == {issues[1].pk: 2}
    assert not BallotMark.objects.filter(ballot_id=first.pk).exists()
    assert Participation.objects.filter(round=round, voter=resident).count() == 1


def test_no_text_in_the_database_holds_a_ballots_id_or_receipt(demo_users):
    # Sessions included: signing in and voting leave nothing there that
    # leads from the resident to their ballot.
    round = open_round("ranking")
    issues = list(round.ballot_issues())
    profile = ResidentProfile.objects.create(user=demo_users["resident"])
    profile.groups.set(ParticipantGroup.objects.filter(slug="women"))
    client = signed_in(demo_users["resident"])
    receipt = receipt_of(cast(client, round, {issues[0]: 1, issues[1]: 2}, headers=EN))
    ballot = Ballot.objects.get(round=round)

    traces = {str(ballot.pk), ballot.pk.hex, receipt, receipt.replace("-", "")}
    found = [value for value in text_in_database() if any(t in value for t in traces)]
    assert found == []


def test_the_admin_site_has_no_ballot_pages(client_for):
    for model in BALLOT_TABLES:
        assert not admin.site.is_registered(model), model.__name__
    staff = client_for("admin")
    index = staff.get("/admin/")
    assert index.status_code == 200
    assert "/admin/voting/ballot" not in index.content.decode()
    for path in ("voting/ballot/", "voting/ballotmark/", "voting/ballot_groups/"):
        assert staff.get(f"/admin/{path}").status_code == 404, path


def test_marks_and_group_links_have_random_ids_too():
    """Auto-numbered marks would list ballots in the order they were cast,
    which is the order of the participations."""
    for model in (BallotMark, BallotGroup):
        assert isinstance(model._meta.pk, models.UUIDField), model


def rows_in_storage_order(table):
    """The ballot ids in the order the database keeps the rows: SQLite's
    hidden rowid, PostgreSQL's physical position (ctid)."""
    order = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY {order}")  # noqa: S608 (fixed names)
        return [uuid.UUID(str(row[0])) for row in cursor.fetchall()]


def test_closing_a_round_seals_it_against_the_databases_own_bookkeeping(client_for):
    round = open_round("approval")
    issues = list(round.ballot_issues())
    voters = many_residents(30)
    for n, voter in enumerate(voters):
        services.cast_ballot(round, voter, {issues[n % len(issues)].pk: 1})
    receipts_before = sorted(Ballot.objects.values_list("receipt_hash", flat=True))
    before = selectors.count_votes(round)
    cast = rows_in_storage_order("voting_ballot")
    # While open, the rows lie in the order of voting (what sealing undoes).
    assert len(cast) == 30

    client_for("facilitator").post(f"/workspace/votes/{round.pk}/close/", {"confirm": "yes"})

    round.refresh_from_db()
    assert round.sealed
    sealed = rows_in_storage_order("voting_ballot")
    assert set(sealed).isdisjoint(cast)  # every ballot has a new id
    # The stored order no longer follows the participations' order: the
    # ballots were written again in a shuffled order.
    voted_issue = dict(BallotMark.objects.values_list("ballot_id", "issue_id"))
    in_storage = [voted_issue[pk] for pk in sealed]
    in_voting = [issues[n % len(issues)].pk for n in range(30)]
    assert in_storage != in_voting
    # Nothing else changed: the same receipts, the same results.
    assert sorted(Ballot.objects.values_list("receipt_hash", flat=True)) == receipts_before
    after = selectors.count_votes(round)
    assert [(r.issue.pk, r.online) for r in after.issues] == [
        (r.issue.pk, r.online) for r in before.issues
    ]
    if connection.vendor == "postgresql":
        # All the ballots were written by one transaction: none stands apart.
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(DISTINCT xmin::text) FROM voting_ballot")
            assert cursor.fetchone()[0] == 1
