"""The ids a person reads in the open data and the API say nothing about the
rows they may not read: every hideable row is named by a random public id,
not by the database's counting id, and the data sets still join through
those ids in CSV, JSON and the API."""

import re

import pytest

from agendas.models import Agenda, Issue
from communities.models import SecurityDimension
from core.public_ids import PATTERN
from tests.helpers import EN
from workshops.models import Workshop

from .helpers import SLUG, api_rows, every_answer, groups_counted, traces_of_the_restricted_issue

pytestmark = pytest.mark.django_db

# The columns that name a hideable row, by data set.
ID_COLUMNS = {
    "workshops": ["id"],
    "attendance": ["workshop"],
    "issues": ["id"],
    "proposals": ["id", "issues"],
    "results": ["issue", "round"],
}


def ids_in(rows, column):
    """The ids a column names, as a list (CSV lists are joined with “|”)."""
    found = []
    for row in rows:
        value = row[column]
        if isinstance(value, list):
            found.extend(value)
        elif isinstance(value, str) and "|" in value:
            found.extend(value.split("|"))
        elif value not in (None, ""):
            found.append(value)
    return found


def visitor_issue_ids(client):
    return {row["title_en"]: row["id"] for row in api_rows(client, "issues")}


def add_issue(agenda, title, visibility, order):
    return Issue.objects.create(
        agenda=agenda,
        title_en=title,
        title_es=title,
        kind=Issue.Kind.PRIORITISED,
        visibility=visibility,
        dimension=SecurityDimension.objects.order_by("order").first(),
        order=order,
    )


@pytest.mark.parametrize("role", ["visitor", "researcher"])
def test_every_id_a_person_reads_is_a_random_public_id(client_for, role):
    traces_of_the_restricted_issue()
    groups_counted()
    answers = every_answer(client_for(role), headers=EN)
    for (name, form), (_raw, rows) in answers.items():
        for column in ID_COLUMNS.get(name, []):
            found = ids_in(rows, column)
            assert found, (name, form, column)
            for value in found:
                assert isinstance(value, str), (name, form, column, value)
                assert re.fullmatch(PATTERN, value), (name, form, column, value)


def test_a_restricted_issue_made_between_two_public_ones_leaves_no_trace_in_their_ids(
    client_for,
):
    agenda = Agenda.objects.get(slug=SLUG)
    visitor = client_for("visitor")
    before = visitor_issue_ids(visitor)
    made = []
    for n in range(10):
        made.append(add_issue(agenda, f"Public {n}", Issue.Visibility.PUBLIC, 100 + 2 * n))
        add_issue(agenda, f"Restricted {n}", Issue.Visibility.RESTRICTED, 101 + 2 * n)
    after = visitor_issue_ids(visitor)
    # The ids already published stay as they were...
    assert {title: after[title] for title in before} == before
    # ...and the new ones follow nothing: not their database ids, not the
    # order they were made in, all different.
    published = [after[issue.title_en] for issue in made]
    assert [issue.public_id for issue in made] == published
    assert len(set(published)) == len(published)
    assert sorted(published) != published
    for issue, public_id in zip(made, published, strict=True):
        # (A random id may hold the digits of a pk by chance: it is not one.)
        assert public_id != str(issue.pk) and re.fullmatch(PATTERN, public_id)
    # The restricted ones are named nowhere a visitor reads.
    assert not set(after) & {f"Restricted {n}" for n in range(10)}


@pytest.mark.parametrize("role", ["visitor", "researcher"])
def test_the_data_sets_join_through_public_ids_in_every_form(client_for, role):
    hidden, proposal, online = traces_of_the_restricted_issue()
    groups_counted()
    answers = every_answer(client_for(role), headers=EN)
    for form in ("csv", "json", "api"):

        def rows(name, form=form):
            return answers[name, form][1]

        issues = set(ids_in(rows("issues"), "id"))
        workshops = set(ids_in(rows("workshops"), "id"))
        cited = set(ids_in(rows("proposals"), "issues"))
        voted = set(ids_in(rows("results"), "issue"))
        counted = set(ids_in(rows("attendance"), "workshop"))
        assert cited and cited <= issues, form
        assert voted and voted <= issues, form
        assert counted and counted <= workshops, form
        # The same public ids as the rows' own.
        (row,) = [r for r in rows("proposals") if r["id"] == proposal.public_id]
        expected = {i.public_id for i in proposal.issues.visible_to(None)}
        if role == "researcher":
            expected.add(hidden.public_id)
        assert set(ids_in([row], "issues")) == expected
        assert online.public_id in set(ids_in(rows("results"), "round"))


def test_attendance_is_filtered_by_the_workshops_public_id(client):
    workshop = groups_counted()
    response = client.get(f"/api/v1/attendance/?workshop={workshop.public_id}", headers=EN)
    found = response.json()["results"]
    assert found
    assert {row["workshop"] for row in found} == {workshop.public_id}


def test_an_unseen_workshops_public_id_finds_nothing(client):
    Agenda.objects.filter(slug=SLUG).update(status="draft")
    workshop = Workshop.objects.filter(neighbourhood__slug=SLUG).first()
    response = client.get(f"/api/v1/attendance/?workshop={workshop.public_id}", headers=EN)
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_database_id_as_workshop_filter_is_refused_with_a_message(client):
    workshop = Workshop.objects.filter(neighbourhood__slug=SLUG).first()
    response = client.get(f"/api/v1/attendance/?workshop={workshop.pk}", headers=EN)
    assert response.status_code == 400
    assert response.json()["workshop"] == ["Enter a public id as the data sets give it."]
    spanish = client.get(
        f"/api/v1/attendance/?workshop={workshop.pk}", headers={"accept-language": "es"}
    )
    assert spanish.json()["workshop"] == [
        "Escriba un identificador público tal como lo dan los conjuntos de datos."
    ]
