"""Every download and API list costs the same number of SQL queries when the
data grows tenfold."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.datasets import DATASETS
from communities.models import ParticipantGroup, SecurityDimension
from tests.factories import (
    AgendaFactory,
    AttendanceFactory,
    BallotFactory,
    BallotMarkFactory,
    CityFactory,
    IssueFactory,
    NeighbourhoodFactory,
    PaperTallyFactory,
    ParticipantGroupFactory,
    ProposalFactory,
    SecurityDimensionFactory,
    TallyCountFactory,
    VotingRoundFactory,
    WorkshopFactory,
)
from tests.helpers import page_queries

from .helpers import a_date

pytestmark = pytest.mark.django_db


def add_neighbourhoods(first, last):
    """Neighbourhoods `first`..`last - 1`, each with everything the data sets hold."""
    for n in range(first, last):
        city = CityFactory(slug=f"city-{n}", name_es=f"Ciudad {n}", name_en=f"City {n}")
        place = NeighbourhoodFactory(
            city=city, slug=f"place-{n}", name_es=f"Colonia {n}", name_en=f"Place {n}"
        )
        dimension = SecurityDimensionFactory(
            slug=f"dimension-{n}", name_es=f"D {n}", name_en=f"D {n}", colour="#123456"
        )
        ParticipantGroupFactory(slug=f"group-{n}", name_es=f"G {n}", order=n)
        agenda = AgendaFactory(
            slug=f"agenda-{n}",
            neighbourhood=place,
            status="published",
            title_es=f"A{n}",
            title_en=f"A{n}",
        )
        issues = [
            IssueFactory(
                agenda=agenda,
                title_es=f"Tema {n}-{k}",
                dimension=dimension,
                kind="prioritised",
                visibility=visibility,
                order=k,
                related_dimensions=SecurityDimension.objects.all()[:3],
            )
            for k, visibility in enumerate(["public", "public", "restricted"])
        ]
        for actor in ("authorities", "community"):
            ProposalFactory(agenda=agenda, actor=actor, text_es="P", issues=issues)
        workshop = WorkshopFactory(neighbourhood=place, title_es="Taller", date=a_date(n))
        for g in ParticipantGroup.objects.all()[:3]:
            AttendanceFactory(workshop=workshop, group=g, count=5)
        tally = PaperTallyFactory(workshop=workshop, agenda=agenda, voters=10)
        for issue in issues:
            TallyCountFactory(tally=tally, issue=issue, dots=3)
        for closed in (True, False):
            now = timezone.now()
            round = VotingRoundFactory(
                agenda=agenda,
                opens_at=now - timedelta(days=3),
                closed_at=now - timedelta(days=1) if closed else None,
            )
            for b in range(2):
                ballot = BallotFactory(round=round, voter_key=f"{b}")
                for issue in issues[:2]:
                    BallotMarkFactory(ballot=ballot, issue=issue)


URLS = [
    url
    for name in DATASETS
    for url in (f"/data/{name}.csv", f"/data/{name}.json", f"/api/v1/{name}/?page_size=500")
]


@pytest.mark.parametrize("role", ["visitor", "facilitator", "researcher"])
def test_downloads_and_api_lists_cost_the_same_at_ten_times_the_data(client_for, role):
    add_neighbourhoods(0, 1)
    client = client_for(role)
    before = {url: page_queries(client, url)[0] for url in URLS}
    add_neighbourhoods(1, 10)
    after = {}
    for url in URLS:
        after[url], response = page_queries(client, url)
        if "issues" in url or "results" in url:
            # The rows did grow: the test measures a bigger answer.
            assert b"agenda-9" in response.content
    assert after == before
