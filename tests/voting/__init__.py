"""What the voting tests share: residents made the way the site makes them,
rounds on the Lázaro Cárdenas agenda, ballots sent through the site, and a
look at everything the database holds."""

import re

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import models

from agendas.models import Agenda, Issue
from communities.models import Membership, Neighbourhood, SecurityDimension
from residents.services import issue_batch, redeem
from tests.helpers import EN
from voting.models import Ballot, BallotMark, Participation, VotingRound

SLUG = "lazaro-cardenas"
RECEIPT = re.compile(r'id="receipt">\s*([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\s*<')


def agenda(slug=SLUG):
    return Agenda.objects.select_related("neighbourhood").get(slug=slug)


def resident_with_code(slug=SLUG):
    """A resident made as people join: a printed code, redeemed."""
    issued = issue_batch(Neighbourhood.objects.get(slug=slug), 1)
    return redeem(issued.codes[0][1])


def many_residents(count, *, prefix="voter", slug=SLUG):
    """Residents by the hundred: the rows a redeemed code leaves (a user who
    cannot sign in with a password, and a resident membership), written at once."""
    User = get_user_model()
    User.objects.bulk_create(
        User(username=f"{prefix}-{n:04d}", password=make_password(None)) for n in range(count)
    )
    users = list(User.objects.filter(username__startswith=f"{prefix}-").order_by("username"))
    place = Neighbourhood.objects.get(slug=slug)
    Membership.objects.bulk_create(
        Membership(user=user, neighbourhood=place, role="resident") for user in users
    )
    return users


def open_round(method="dots", *, slug=SLUG, **fields):
    if method == "dots":
        fields.setdefault("dots_per_voter", 5)
        fields.setdefault("max_dots_per_issue", 3)
    return VotingRound.objects.create(agenda=agenda(slug), method=method, **fields)


def restricted_prioritised_issue(slug=SLUG, **fields):
    """A prioritised issue only facilitators see: it must never reach a ballot."""
    fields.setdefault("order", 0)
    return Issue.objects.create(
        agenda=agenda(slug),
        title_en="Restricted priority: threats against the facilitators",
        title_es="Prioridad restringida: amenazas contra quienes facilitan",
        dimension=SecurityDimension.objects.get(slug="personal"),
        kind=Issue.Kind.PRIORITISED,
        visibility=Issue.Visibility.RESTRICTED,
        **fields,
    )


def ballot_data(round, marks):
    """Form data for `marks` (issue -> dots, rank, or True for approved)."""
    data = {}
    for issue, value in marks.items():
        pk = issue if isinstance(issue, int) else issue.pk
        if round.method == VotingRound.Method.APPROVAL:
            if value:
                data[f"issue_{pk}"] = "on"
        else:
            data[f"issue_{pk}"] = str(value)
    return data


def cast(client, round, marks, headers=EN):
    return client.post(f"/vote/{round.pk}/", ballot_data(round, marks), headers=headers)


def receipt_of(response):
    match = RECEIPT.search(response.content.decode())
    assert match, "the page shows no receipt code"
    return match.group(1)


def check_receipt(client, round, receipt, headers=EN):
    return client.post(f"/vote/{round.pk}/check/", {"receipt": receipt}, headers=headers)


def stored_votes():
    """Every row that records a vote, to compare before and after."""
    return (
        sorted(Ballot.objects.values_list("id", "round_id", "voter_key", "receipt_hash")),
        sorted(BallotMark.objects.values_list("ballot_id", "issue_id", "points")),
        sorted(Ballot.groups.through.objects.values_list("ballot_id", "group_id")),
        sorted(Participation.objects.values_list("round_id", "voter_id")),
    )


def online_totals(round):
    """Points per issue pk, as counted from the ballots."""
    totals = {}
    for issue_id, points in BallotMark.objects.filter(ballot__round=round).values_list(
        "issue_id", "points"
    ):
        totals[issue_id] = totals.get(issue_id, 0) + points
    return totals


def text_in_database():
    """Every text value the database holds, as anyone with a copy of it can
    read it: each text column of each table, and what the sessions contain."""
    values = []
    for model in apps.get_models(include_auto_created=True):
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        if names:
            for row in model._default_manager.values_list(*names):
                values.extend(value for value in row if value)
    for session in Session.objects.all():
        values.append(repr(SessionStore().decode(session.session_data)))
    return values
