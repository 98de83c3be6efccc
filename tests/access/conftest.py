"""Fixtures of the sweep (tests/access/sweep.py): the people of each role
with a client signed in as each, and the demo with its planted words."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone

from agendas.models import Section
from booklets.services import render_job, request_export
from communities.models import Neighbourhood
from editing.models import Comment, Suggestion
from publication.versions import publish
from residents.services import issue_batch
from residents.sheets import make_sheet, request_sheet
from synthesis.models import NationalPoint
from voting.models import Ballot, BallotMark, VotingRound
from voting.services import receipt_hash, voter_key
from workshops.models import Workshop

from ..opendata.helpers import traces_of_the_restricted_issue
from .planted import plant
from .sweep import RECEIPT, ROLES, Demo


@pytest.fixture
def readers(demo_users, make_person):
    """The people of each role, and a client signed in as each."""
    people = dict(demo_users)
    staff = make_person(
        "staff-of-another-neighbourhood",
        role="facilitator",
        neighbourhood="sanchez-taboada",
        is_staff=True,
    )
    # As a careless administrator might: every view permission of the admin.
    staff.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    people["staff_other"] = staff
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if people[role] is not None:
            clients[role].force_login(people[role])
    return people, clients


@pytest.fixture
def demo(demo_users):
    """The planted words, and the things that could carry them."""
    hidden, proposal, closed_round = traces_of_the_restricted_issue()
    planted = plant()
    hidden.refresh_from_db()
    agenda = hidden.agenda
    resident = demo_users["resident"]
    open_round = VotingRound.objects.create(
        agenda=agenda, method="approval", opens_at=timezone.now() - timedelta(hours=1)
    )
    # Said and suggested while the issue was public, before it was restricted.
    suggestion = Suggestion.objects.create(
        agenda=agenda,
        issue=hidden,
        field="title_en",
        original=hidden.title_en,
        wording="Another wording",
        reason="Clearer",
        author=resident,
    )
    comment = Comment.objects.create(agenda=agenda, issue=hidden, author=resident, text="Yes")
    ballot = Ballot.objects.create(
        round=closed_round,
        voter_key=voter_key(closed_round.pk, resident.pk),
        receipt_hash=receipt_hash(closed_round.pk, RECEIPT),
    )
    BallotMark.objects.create(ballot=ballot, issue=hidden, points=1)
    # A version published since the words were planted.
    publish(agenda, by=demo_users["admin"])
    # Booklets asked for on the site, then rendered here as a worker would:
    # the test's transaction never commits, so no job is ever dispatched.
    jobs = [
        request_export(
            {"requested_by": demo_users[role]},
            agenda,
            edition=edition,
            language=language,
            paper="a4",
        )
        for role, edition, language in [
            ("facilitator", "internal", "es"),
            ("resident", "public", "en"),
        ]
    ]
    for job in jobs:
        if job.status != job.Status.READY:
            render_job(job.pk)
        job.refresh_from_db()
    # A sheet of codes, made as a worker would.
    sheet = request_sheet(
        agenda.neighbourhood,
        requested_by=demo_users["facilitator"],
        count=2,
        days=None,
        label="Sweep sheet",
        paper="a4",
        site_url="http://testserver/",
    )
    make_sheet(sheet.pk)
    return Demo(
        planted=planted,
        hidden=hidden,
        proposal=proposal,
        closed_round=closed_round,
        open_round=open_round,
        workshop=Workshop.objects.filter(neighbourhood=agenda.neighbourhood).first(),
        section=Section.objects.filter(agenda=agenda).first(),
        point=NationalPoint.objects.filter(issues=hidden).first(),
        batch=issue_batch(
            Neighbourhood.objects.get(pk=agenda.neighbourhood_id), 2, label="Sweep"
        ).batch,
        suggestion=suggestion,
        sheet=sheet,
        comment=comment,
        jobs=jobs,
    )
