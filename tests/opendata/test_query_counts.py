"""Every download and API list costs the same number of SQL queries when the
data grows tenfold."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agendas.models import Agenda, Issue
from api.datasets import DATASETS
from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from voting.models import Ballot, BallotMark, VotingRound
from workshops.models import Attendance, Workshop

from .helpers import a_date

pytestmark = pytest.mark.django_db


def add_neighbourhoods(first, last):
    """Neighbourhoods `first`..`last - 1`, each with everything the data sets hold."""
    for n in range(first, last):
        city = City.objects.create(slug=f"city-{n}", name_es=f"Ciudad {n}", name_en=f"City {n}")
        place = Neighbourhood.objects.create(
            city=city, slug=f"place-{n}", name_es=f"Colonia {n}", name_en=f"Place {n}"
        )
        dimension = SecurityDimension.objects.create(
            slug=f"dimension-{n}", name_es=f"D {n}", name_en=f"D {n}", colour="#123456"
        )
        ParticipantGroup.objects.create(slug=f"group-{n}", name_es=f"G {n}", order=n)
        agenda = Agenda.objects.create(
            slug=f"agenda-{n}",
            scope="local",
            neighbourhood=place,
            status="published",
            title=f"A{n}",
        )
        issues = [
            Issue.objects.create(
                agenda=agenda,
                title_es=f"Tema {n}-{k}",
                dimension=dimension,
                kind="prioritised",
                visibility=visibility,
                order=k,
            )
            for k, visibility in enumerate(["public", "public", "restricted"])
        ]
        for issue in issues:
            issue.related_dimensions.set(SecurityDimension.objects.all()[:3])
        for actor in ("authorities", "community"):
            Proposal.objects.create(agenda=agenda, actor=actor, text_es="P").issues.set(issues)
        workshop = Workshop.objects.create(neighbourhood=place, title_es="Taller", date=a_date(n))
        for g in ParticipantGroup.objects.all()[:3]:
            Attendance.objects.create(workshop=workshop, group=g, count=5)
        tally = PaperTally.objects.create(workshop=workshop, agenda=agenda, voters=10)
        for issue in issues:
            TallyCount.objects.create(tally=tally, issue=issue, dots=3)
        for closed in (True, False):
            now = timezone.now()
            round = VotingRound.objects.create(
                agenda=agenda,
                method="approval",
                opens_at=now - timedelta(days=3),
                closed_at=now - timedelta(days=1) if closed else None,
            )
            for b in range(2):
                ballot = Ballot.objects.create(round=round, voter_key=f"{b}", receipt_hash="x")
                for issue in issues[:2]:
                    BallotMark.objects.create(ballot=ballot, issue=issue, points=1)


def queries(client, url, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    assert response.status_code == 200, response.content[:300]
    return len(captured), response


URLS = [
    url
    for name in DATASETS
    for url in (f"/data/{name}.csv", f"/data/{name}.json", f"/api/v1/{name}/?page_size=500")
]


@pytest.mark.parametrize("role", ["visitor", "facilitator", "researcher"])
def test_downloads_and_api_lists_cost_the_same_at_ten_times_the_data(client_for, role):
    add_neighbourhoods(0, 1)
    client = client_for(role)
    before = {url: queries(client, url)[0] for url in URLS}
    add_neighbourhoods(1, 10)
    after = {}
    for url in URLS:
        after[url], response = queries(client, url)
        if "issues" in url or "results" in url:
            # The rows did grow: the test measures a bigger answer.
            assert b"agenda-9" in response.content
    assert after == before
