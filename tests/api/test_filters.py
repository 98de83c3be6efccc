"""Filters narrow the lists; a value a filter cannot take is answered with
400 and a message in the person's language, never a server error."""

import pytest

from agendas.models import Issue
from tests.helpers import EN
from tests.opendata.helpers import traces_of_the_restricted_issue

pytestmark = pytest.mark.django_db


def rows(client, url):
    response = client.get(url, headers=EN)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_issue_filters(client):
    found = rows(client, "/api/v1/issues/?city=tijuana&kind=silenced&page_size=500")
    assert found
    assert {(r["city"], r["kind"]) for r in found} == {("tijuana", "silenced")}
    expected = Issue.objects.filter(
        agenda__slug="nuevo-almaguer", dimension__slug="economic", visibility="public"
    ).count()
    found = rows(client, "/api/v1/issues/?agenda=nuevo-almaguer&dimension=economic")
    assert len(found) == expected > 0
    assert rows(client, "/api/v1/issues/?neighbourhood=nowhere") == []


def test_a_visitor_asking_for_restricted_issues_gets_none(client_for):
    assert rows(client_for("visitor"), "/api/v1/issues/?visibility=restricted") == []
    assert len(rows(client_for("researcher"), "/api/v1/issues/?visibility=restricted")) == 1


def test_results_filters(client):
    _hidden, _proposal, round = traces_of_the_restricted_issue()
    online = rows(client, "/api/v1/results/?source=online&agenda=lazaro-cardenas")
    assert {(r["source"], r["round"], r["method"]) for r in online} == {
        ("online", round.public_id, "approval")
    }
    assert {r["source"] for r in rows(client, "/api/v1/results/?source=paper")} == {"paper"}
    assert rows(client, "/api/v1/results/?agenda=sanchez-taboada") == []


def test_workshop_date_range(client):
    assert rows(client, "/api/v1/workshops/?date_after=2030-01-01") == []


@pytest.mark.parametrize(
    ("url", "field", "message"),
    [
        ("/api/v1/issues/?kind=forgotten", "kind", "Select a valid choice"),
        ("/api/v1/issues/?agenda=<script>", "agenda", "Enter a valid “slug”"),
        ("/api/v1/workshops/?date_after=2017-02-30", "date", "Enter a valid date"),
        ("/api/v1/attendance/?workshop=99999999999999999999999", "workshop", "public id"),
        ("/api/v1/attendance/?workshop=17", "workshop", "public id"),
        ("/api/v1/results/?source=carrier-pigeon", "source", "not a valid choice"),
        ("/api/v1/issues/?page_size=100000", "page_size", "between 1 and 500"),
        ("/api/v1/proposals/?actor=%00", "actor", ""),
    ],
)
def test_bad_filter_values_get_400_with_a_message(client, url, field, message):
    response = client.get(url, headers=EN)
    assert response.status_code == 400
    errors = response.json()
    assert field in errors
    assert message in errors[field][0]


def test_a_page_past_the_end_is_not_found(client):
    response = client.get("/api/v1/cities/?page=99", headers=EN)
    assert response.status_code == 404
    assert response.json()["detail"]
