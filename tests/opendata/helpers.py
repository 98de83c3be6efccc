"""What the open data and API tests share: the demo's restricted issue, the
votes and tallies that would carry it, and every answer a person can get."""

import csv
import io
import json
from datetime import date, timedelta

from django.utils import timezone

from agendas.models import Issue
from api.datasets import DATASETS
from communities.models import ParticipantGroup
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from tests.helpers import RESTRICTED_EN
from voting.models import Ballot, BallotMark, VotingRound
from workshops.models import Attendance, Workshop

SLUG = "lazaro-cardenas"


def restricted_issue():
    return Issue.objects.get(title_en=RESTRICTED_EN, agenda__slug=SLUG)


def public_issues(slug=SLUG):
    return list(
        Issue.objects.filter(agenda__slug=slug, visibility="public", kind="prioritised").order_by(
            "order", "pk"
        )
    )


def groups_counted(slug=SLUG):
    """The demo counts no group at its workshops: here the 63 people of its
    workshop are counted as 35 women and 28 men, large enough to publish."""
    workshop = Workshop.objects.get(neighbourhood__slug=slug)
    for group, count in (("women", 35), ("men", 28)):
        Attendance.objects.create(
            workshop=workshop, group=ParticipantGroup.objects.get(slug=group), count=count
        )
    return workshop


def traces_of_the_restricted_issue():
    """A proposal answering it, paper dots on it and a closed online round on
    its agenda: every place where it could show through."""
    hidden = restricted_issue()
    public = public_issues()
    proposal = Proposal.objects.create(
        agenda=hidden.agenda, actor="community", text_en="Answers both", text_es="Responde a ambos"
    )
    proposal.issues.set([hidden, public[0]])
    workshop = Workshop.objects.filter(neighbourhood__slug=SLUG).first()
    tally = PaperTally.objects.create(workshop=workshop, agenda=hidden.agenda, voters=7)
    TallyCount.objects.create(tally=tally, issue=hidden, dots=4)
    TallyCount.objects.create(tally=tally, issue=public[0], dots=6)
    online = VotingRound.objects.create(
        agenda=hidden.agenda,
        method="approval",
        opens_at=timezone.now() - timedelta(days=2),
        closed_at=timezone.now() - timedelta(days=1),
    )
    # Five ballots: a round of fewer is never published (access.disclosure).
    for n in range(5):
        ballot = Ballot.objects.create(round=online, voter_key=f"k{n}", receipt_hash=f"r{n}")
        BallotMark.objects.create(ballot=ballot, issue=public[1], points=1)
    return hidden, proposal, online


def api_rows(client, name, **headers):
    """Every row of the API list, following the pages."""
    rows, url = [], f"/api/v1/{name}/?page_size=500"
    while url:
        response = client.get(url, **headers)
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["results"])
        url = body["next"]
    return rows


def csv_rows(content):
    assert content.startswith(b"\xef\xbb\xbf"), "a CSV file starts with the UTF-8 byte order mark"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def every_answer(client, **headers):
    """{(data set, form): (raw text, rows)} for every data set as CSV, JSON and API."""
    answers = {}
    for name in DATASETS:
        response = client.get(f"/data/{name}.csv", **headers)
        assert response.status_code == 200
        answers[name, "csv"] = (response.content.decode("utf-8-sig"), csv_rows(response.content))
        response = client.get(f"/data/{name}.json", **headers)
        assert response.status_code == 200
        answers[name, "json"] = (response.content.decode(), json.loads(response.content)["rows"])
        rows = api_rows(client, name, **headers)
        answers[name, "api"] = (json.dumps(rows, ensure_ascii=False), rows)
    return answers


def a_date(n):
    return date(2017, 1, 1) + timedelta(days=n)
