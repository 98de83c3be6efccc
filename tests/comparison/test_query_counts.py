"""The comparison page makes the same number of SQL queries whatever the
number of neighbourhoods, issues, workshops and votes."""

import datetime

import pytest
from django.utils import timezone

from agendas.models import Issue
from communities.models import City, ParticipantGroup, SecurityDimension
from tests.factories import (
    AgendaFactory,
    AttendanceFactory,
    BallotFactory,
    BallotMarkFactory,
    CityFactory,
    IssueFactory,
    NeighbourhoodFactory,
    PaperTallyFactory,
    VotingRoundFactory,
    WorkshopFactory,
)
from tests.helpers import EN, page_queries

from .helpers import tables

pytestmark = pytest.mark.django_db


def add_places(count, issues_each=10):
    """`count` new cities, each with a neighbourhood, a published agenda and a
    draft one, issues of every kind and visibility, dated workshops with
    attendance and issues, a paper tally, and closed and open votes."""
    dimensions = list(SecurityDimension.objects.all())
    groups = list(ParticipantGroup.objects.all())
    start = City.objects.filter(slug__startswith="city-").count()
    for n in range(start, start + count):
        city = CityFactory(slug=f"city-{n}", name_en=f"City {n}", name_es=f"Ciudad {n}")
        place = NeighbourhoodFactory(
            city=city,
            slug=f"place-{n}",
            name_en=f"Place {n}",
            name_es=f"Lugar {n}",
            groups_engaged=groups[:2],
        )
        workshops = [
            WorkshopFactory(
                neighbourhood=place, title_en=f"W{n}.{w}", date=datetime.date(2017, 1 + w, 1)
            )
            for w in range(3)
        ]
        for w, workshop in enumerate(workshops):
            for group in groups[w : w + 3]:
                AttendanceFactory(workshop=workshop, group=group, count=5 + w)
        for status in ("published", "draft"):
            agenda = AgendaFactory(
                slug=f"place-{n}-{status}",
                neighbourhood=place,
                status=status,
                title_en=f"Agenda {n}",
                title_es=f"Agenda {n}",
            )
            issues = [
                IssueFactory(
                    agenda=agenda,
                    title_en=f"Issue {n}.{i}",
                    title_es=f"Tema {n}.{i}",
                    dimension=dimensions[i % len(dimensions)],
                    kind="silenced" if i % 3 == 0 else "prioritised",
                    visibility="restricted" if i % 5 == 0 else "public",
                    order=i,
                    workshops=workshops[: 1 + i % 3],
                )
                for i in range(issues_each)
            ]
            PaperTallyFactory(workshop=workshops[0], agenda=agenda, voters=9)
            now = timezone.now()
            for closed_at in (now - datetime.timedelta(days=1), None):
                round = VotingRoundFactory(
                    agenda=agenda, opens_at=now - datetime.timedelta(days=5), closed_at=closed_at
                )
                for b in range(3):
                    ballot = BallotFactory(round=round, voter_key=f"{b}")
                    for issue in issues[b : b + 4]:
                        if issue.visibility == "public" and issue.kind == "prioritised":
                            BallotMarkFactory(ballot=ballot, issue=issue)


URLS = ["/compare/", "/compare/?kind=silenced&date_from=2017-01-01&city=city-0&city=apatzingan"]


@pytest.mark.parametrize("role", ["visitor", "researcher"])
def test_queries_do_not_grow_with_the_data(client_for, role):
    client = client_for(role)
    add_places(1)
    before = [page_queries(client, url, headers=EN)[0] for url in URLS]
    _, response = page_queries(client, URLS[0], headers=EN)
    columns_before = len(tables(response)["issue-matrix"][0]) - 1
    issues_before = Issue.objects.count()
    add_places(36)
    after = [page_queries(client, url, headers=EN)[0] for url in URLS]
    _, response = page_queries(client, URLS[0], headers=EN)
    assert len(tables(response)["issue-matrix"][0]) - 1 == 10 * columns_before
    assert Issue.objects.count() >= 10 * issues_before
    assert len(tables(response)["online-votes"]) - 1 >= 37  # one closed vote per new place
    assert after == before
