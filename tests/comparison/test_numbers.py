"""The comparison page shows the numbers of the data, counted the plain way:
issue by issue, with the per-object permission rules."""

import datetime

import pytest
from django.utils import timezone

from agendas.models import Agenda, Issue
from communities.models import Neighbourhood, ParticipantGroup, SecurityDimension
from tallies.models import PaperTally
from tests.helpers import EN, ROLES
from voting.models import Ballot, BallotMark, VotingRound
from workshops.models import Attendance, Workshop

from .helpers import counts, matrix, svg_texts, tables

pytestmark = pytest.mark.django_db


def header(neighbourhood):
    return f"{neighbourhood.name_en} {neighbourhood.city.name_en}"


def expected_matrix(user):
    """(dimension, neighbourhood header) -> (prioritised, silenced), from the
    issues one by one and the per-object rules."""
    agendas = [
        a
        for a in Agenda.objects.filter(scope="local").select_related("neighbourhood__city")
        if (user.has_perm("agendas.view_agenda", a) if user else a.status == "published")
    ]
    columns = {a.neighbourhood_id: header(a.neighbourhood) for a in agendas}
    expected = {
        (d.name_en, column): [0, 0]
        for d in SecurityDimension.objects.all()
        for column in columns.values()
    }
    for issue in Issue.objects.select_related("agenda", "dimension"):
        if issue.agenda not in agendas:
            continue
        if user is None and issue.visibility != "public":
            continue
        if user is not None and not user.has_perm("agendas.view_issue", issue):
            continue
        key = (issue.dimension.name_en, columns[issue.agenda.neighbourhood_id])
        expected[key][0 if issue.kind == "prioritised" else 1] += 1
    return {key: tuple(value) for key, value in expected.items()}


@pytest.mark.parametrize("role", ROLES)
def test_the_matrix_counts_what_each_person_may_see(client_for, demo_users, role):
    response = client_for(role).get("/compare/", headers=EN)
    assert response.status_code == 200
    shown = {key: counts(text) for key, text in matrix(response).items()}
    assert shown == expected_matrix(demo_users[role])
    # Every empty cell says so in words.
    for text in matrix(response).values():
        assert text == "none" or counts(text) != (0, 0)


def test_known_facts_of_the_seed(client_for):
    response = client_for("visitor").get("/compare/", headers=EN)
    cells = matrix(response)
    # Domestic violence: prioritised in Apatzingán and Guadalupe, kept silent in Tijuana.
    assert cells["Women's safety", "Lázaro Cárdenas Apatzingán"] == "1 prioritised · 0 silenced"
    assert cells["Women's safety", "Nuevo Almaguer Guadalupe"] == "3 prioritised · 0 silenced"
    assert cells["Women's safety", "Sánchez Taboada Tijuana"] == "0 prioritised · 1 silenced"
    titles = matrix(response, "issue-titles")
    assert "Domestic violence Prioritised" in titles["Women's safety", "Lázaro Cárdenas Apatzingán"]
    assert (
        "Domestic violence and sexual harassment Silenced"
        in titles["Women's safety", "Sánchez Taboada Tijuana"]
    )
    assert titles["Food security", "Sánchez Taboada Tijuana"] == "none"
    numbers = {row[0]: row[1:] for row in tables(response)["neighbourhood-numbers"][1:]}
    assert [row[0:2] for row in numbers.values()] == [
        ["13 prioritised · 2 silenced", "63"],  # the restricted issue is not counted
        ["15 prioritised · 0 silenced", "61"],
        ["9 prioritised · 4 silenced", "61"],
    ]
    # Acapulco has no agenda: it is not a column.
    assert not any("Acapulco" in name for name in numbers)
    # The charts carry the same numbers as text.
    texts = svg_texts(response)
    assert "Sánchez Taboada: 0 prioritised · 1 silenced" in texts
    assert "Lázaro Cárdenas: 63 people" in texts


def test_the_page_is_in_spanish_with_spanish_names(client_for):
    response = client_for("visitor").get("/compare/", headers={"accept-language": "es-MX"})
    assert 'lang="es-MX"' in response.content.decode()
    titles = matrix(response, "issue-titles")
    assert (
        "Violencia intrafamiliar"
        in titles["Seguridad de las mujeres", "Lázaro Cárdenas Apatzingán"]
    )


def test_an_agenda_one_may_not_see_brings_no_column(client_for, make_person):
    Agenda.objects.filter(slug="nuevo-almaguer").update(status="draft")
    make_person("fac-na", role="facilitator", neighbourhood="nuevo-almaguer")
    for role, sees in [("visitor", False), ("resident", False), ("researcher", True)]:
        body = client_for(role).get("/compare/", headers=EN).content.decode()
        assert ("Nuevo Almaguer" in body) is sees, role
        assert ("Guadalupe" in body) is sees, role  # nor its city among the filters
        assert ("Stigmatisation and accusations" in body) is sees, role


def test_participants_by_group_are_summed_from_the_workshops(client_for):
    place = Neighbourhood.objects.get(slug="sanchez-taboada")
    women, youths = ParticipantGroup.objects.filter(slug__in=["women", "youths"]).order_by("order")
    # 14 present (10 for the first time), then 7 (2 for the first time).
    for day, (w, y, present, first) in enumerate([(12, 5, 14, 10), (7, 0, 7, 2)], start=1):
        workshop = Workshop.objects.create(
            neighbourhood=place,
            title_en=f"Extra {day}",
            date=datetime.date(2017, 5, day),
            people_present=present,
            first_timers=first,
        )
        Attendance.objects.create(workshop=workshop, group=women, count=w)
        if y:
            Attendance.objects.create(workshop=workshop, group=youths, count=y)
    expected = {}
    for attendance in Attendance.objects.filter(workshop__neighbourhood=place):
        name = attendance.group.name_en
        expected[name] = expected.get(name, 0) + attendance.count
    response = client_for("visitor").get("/compare/", headers=EN)
    rows = tables(response)["participants"]
    shown = dict(
        zip(rows[0][1:], next(r for r in rows if r[0] == "Sánchez Taboada")[1:], strict=True)
    )
    # Each person once: the seed's 61, then 10 and 2 who came for the first time.
    assert shown.pop("People who took part") == "73"
    assert {k: int(v) for k, v in shown.items() if v != "0"} == expected
    assert "Sánchez Taboada: 73 people" in svg_texts(response)
    assert "Women: 19" in svg_texts(response)


def test_groups_spoken_to_stand_where_no_attendance_was_recorded(client_for):
    place = Neighbourhood.objects.get(slug="nuevo-almaguer")
    Attendance.objects.filter(workshop__neighbourhood=place).delete()
    Workshop.objects.filter(neighbourhood=place).update(people_present=None, first_timers=None)
    place.groups_engaged.set(ParticipantGroup.objects.filter(slug__in=["women", "men"]))
    response = client_for("visitor").get("/compare/", headers=EN)
    numbers = {row[0]: row for row in tables(response)["neighbourhood-numbers"][1:]}
    row = next(row for name, row in numbers.items() if name.startswith("Nuevo Almaguer"))
    assert row[2] == "No attendance recorded. Groups spoken to: Women, Men"


def test_paper_votes_and_online_results(client_for):
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    workshop = Workshop.objects.get(neighbourhood=agenda.neighbourhood)
    PaperTally.objects.create(workshop=workshop, agenda=agenda, voters=40)
    issues = list(agenda.issues.filter(kind="prioritised", visibility="public")[:4])
    closed = VotingRound.objects.create(
        agenda=agenda,
        title="Spring vote",
        method="approval",
        opens_at=timezone.now() - datetime.timedelta(days=10),
        closed_at=timezone.now() - datetime.timedelta(days=1),
    )
    open_round = VotingRound.objects.create(agenda=agenda, title="Open vote", method="approval")
    # Five ballots: fewer would not be shown (tests/voting/test_disclosure.py).
    for n, chosen in enumerate([issues[:3], issues[1:3], issues[2:3], issues[2:3], issues[2:3]]):
        for round in (closed, open_round):
            ballot = Ballot.objects.create(round=round, voter_key=f"k{n}", receipt_hash="x")
            for issue in chosen:
                BallotMark.objects.create(ballot=ballot, issue=issue, points=1)

    response = client_for("visitor").get("/compare/", headers=EN)
    numbers = {row[0].split(" ")[0]: row for row in tables(response)["neighbourhood-numbers"][1:]}
    assert numbers["Lázaro"][3] == "40"
    votes = tables(response)["online-votes"]
    assert len(votes) == 2  # the open round's totals are the team's alone
    row = votes[1]
    assert row[0] == "Lázaro Cárdenas" and row[1].startswith("Spring vote")
    assert row[2] == "5"
    assert row[3] == (
        f"{issues[2].title_en}: 5 points | {issues[1].title_en}: 2 points | "
        f"{issues[0].title_en}: 1 point"
    )
    votes = tables(client_for("facilitator").get("/compare/", headers=EN))["online-votes"]
    assert [row[1].split(" ")[0] for row in votes[1:]] == ["Open", "Spring"]
    # The open round's ballots are counted, its totals kept until it closes.
    assert votes[1][2:] == ["5", "Shown when the vote closes."]
