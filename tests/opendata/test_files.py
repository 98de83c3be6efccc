"""The files: text survives a CSV round trip exactly, a spreadsheet never
runs a cell as a formula, JSON keeps the text unchanged, and each file says
what it is."""

import json

import pytest

from agendas.models import Agenda, Issue
from api.datasets import DATASETS
from communities.models import SecurityDimension
from proposals.models import Proposal
from tests.helpers import EN

from .helpers import csv_rows

pytestmark = pytest.mark.django_db

HARD_TEXT = 'Niñas, jóvenes y “pingüinos”: say "no", please,\nsecond line\r\nthird – ü á ñ'
FORMULA = '=HYPERLINK("http://example.invalid","click")'


@pytest.fixture
def hard_items():
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    issue = Issue.objects.create(
        agenda=agenda,
        title_es=HARD_TEXT,
        title_en=FORMULA,
        description_es="@SUM(1+1)",
        description_en="-2+3",
        dimension=SecurityDimension.objects.get(slug="community"),
        kind="prioritised",
        order=99,
    )
    issue.related_dimensions.set(SecurityDimension.objects.filter(slug__in=["economic", "health"]))
    proposal = Proposal.objects.create(
        agenda=agenda, actor="community", text_es=HARD_TEXT, text_en="+1 for\tthis", order=99
    )
    proposal.issues.set([issue])
    return issue, proposal


def test_csv_gives_back_exactly_the_stored_text(client_for, hard_items):
    issue, proposal = hard_items
    client = client_for("visitor")
    (row,) = [
        r for r in csv_rows(client.get("/data/issues.csv").content) if r["id"] == issue.public_id
    ]
    assert row["title_es"] == HARD_TEXT
    assert row["related_dimensions"] == "economic|health"
    (row,) = [
        r
        for r in csv_rows(client.get("/data/proposals.csv").content)
        if r["id"] == proposal.public_id
    ]
    assert row["text_es"] == HARD_TEXT
    assert row["issues"] == issue.public_id


def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe(client_for, hard_items):
    issue, proposal = hard_items
    content = client_for("visitor").get("/data/issues.csv").content
    (row,) = [r for r in csv_rows(content) if r["id"] == issue.public_id]
    assert row["title_en"] == "'" + FORMULA
    assert row["description_es"] == "'@SUM(1+1)"
    assert row["description_en"] == "'-2+3"
    (row,) = [
        r
        for r in csv_rows(client_for("visitor").get("/data/proposals.csv").content)
        if r["id"] == proposal.public_id
    ]
    assert row["text_en"] == "'+1 for\tthis"
    # Numbers are numbers, not text: no apostrophe on them.
    assert row["order"] == "99"


def test_json_keeps_the_text_unchanged(client_for, hard_items):
    issue, _proposal = hard_items
    document = json.loads(client_for("visitor").get("/data/issues.json").content)
    (row,) = [r for r in document["rows"] if r["id"] == issue.public_id]
    assert (row["title_es"], row["title_en"]) == (HARD_TEXT, FORMULA)
    assert row["related_dimensions"] == ["economic", "health"]


@pytest.mark.parametrize("name", list(DATASETS))
def test_each_file_is_an_attachment_with_its_columns(client, name):
    columns = [column.name for column in DATASETS[name].columns]
    response = client.get(f"/data/{name}.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="human-security-agendas-{name}-'
    )
    assert response["Content-Disposition"].endswith('.csv"')
    header = response.content.decode("utf-8-sig").split("\r\n")[0]
    assert header.split(",") == columns
    response = client.get(f"/data/{name}.json")
    assert response["Content-Disposition"].endswith('.json"')
    document = json.loads(response.content)
    assert document["dataset"] == name
    assert [c["name"] for c in document["columns"]] == columns
    assert document["may_include_restricted"] is False
    for row in document["rows"]:
        assert list(row) == columns


def test_the_columns_are_the_api_columns(client):
    for name, dataset in DATASETS.items():
        api = client.get(f"/api/v1/{name}/?page_size=1").json()["results"]
        if api:
            assert list(api[0]) == [column.name for column in dataset.columns], name


@pytest.mark.parametrize(
    "path", ["/data/secrets.csv", "/data/issues.xlsx", "/data/ISSUES.json", "/data/.csv"]
)
def test_an_unknown_data_set_is_not_found(client, path):
    response = client.get(path, headers=EN)
    assert response.status_code == 404


def test_workshops_never_say_where_or_how_people_met(client_for):
    for role in ("visitor", "researcher"):
        client = client_for(role)
        document = json.loads(client.get("/data/workshops.json").content)
        raw = client.get("/data/workshops.csv").content.decode("utf-8-sig")
        names = {c["name"] for c in document["columns"]}
        assert not names & {"place", "method", "notes", "facilitators"}
        assert "Colonia Lázaro Cárdenas, Apatzingán" not in raw
        assert "Dialogue between residents" not in raw
