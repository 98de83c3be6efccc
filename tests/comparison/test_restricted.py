"""The restricted demo issue reaches the comparison page only for those who
may see it: not its title in either language, not a count, not a bar."""

import pytest

from agendas.models import Issue
from tests.helpers import RESTRICTED_EN

from .helpers import counts, matrix, svg_texts, tables

pytestmark = pytest.mark.django_db
HIDDEN_FROM = ["visitor", "resident", "other_facilitator"]
SHOWN_TO = ["researcher", "admin", "facilitator"]
LC = "Lázaro Cárdenas Apatzingán"


def what_the_page_counts(response):
    """The silenced issues of Lázaro Cárdenas wherever the page counts them."""
    numbers = next(
        row for row in tables(response)["neighbourhood-numbers"][1:] if row[0].startswith(LC)
    )
    chart = next(t for t in svg_texts(response) if t.startswith("Lázaro Cárdenas: 2 prioritised"))
    return {
        "cell": counts(matrix(response)["Personal safety", LC])[1],
        "all dimensions": sum(counts(text)[1] for text in matrix(response).values()),
        "neighbourhood": counts(numbers[1])[1],
        "chart": counts(chart)[1],
        "listed": matrix(response, "issue-titles")["Personal safety", LC].count("Silenced"),
    }


def pages(client):
    return [
        client.get("/compare/", headers={"accept-language": language})
        for language in ("en", "es-MX")
    ]


def test_the_restricted_issue_is_seen_and_counted_only_by_those_allowed(client_for):
    issue = Issue.objects.get(title_en=RESTRICTED_EN)
    assert issue.visibility == "restricted" and issue.agenda.slug == "lazaro-cardenas"
    seen = {}
    for role in HIDDEN_FROM + SHOWN_TO:
        english, spanish = pages(client_for(role))
        english_body, spanish_body = english.content.decode(), spanish.content.decode()
        if role in SHOWN_TO:
            assert issue.title_en in english_body and issue.title_es in spanish_body, role
        else:
            for body in (english_body, spanish_body):
                assert issue.title_en not in body and issue.title_es not in body, role
        seen[role] = what_the_page_counts(english)
    for role in HIDDEN_FROM:
        for other in SHOWN_TO:
            difference = {key: seen[other][key] - seen[role][key] for key in seen[role]}
            assert difference == dict.fromkeys(seen[role], 1), (role, other)


@pytest.mark.parametrize("role", SHOWN_TO)
def test_it_is_marked_restricted_for_those_who_see_it(client_for, role):
    english, spanish = pages(client_for(role))
    cell = matrix(english, "issue-titles")["Personal safety", LC]
    assert f"{RESTRICTED_EN} Silenced Restricted" in cell
    assert "Restringido" in matrix(spanish, "issue-titles")["Seguridad personal", LC]


@pytest.mark.parametrize("role", HIDDEN_FROM)
def test_filters_do_not_reveal_it(client_for, role):
    client = client_for(role)
    for query in ["?kind=silenced", "?dimension=personal", "?kind=silenced&city=apatzingan"]:
        response = client.get("/compare/" + query, headers={"accept-language": "en"})
        assert response.status_code == 200
        assert RESTRICTED_EN not in response.content.decode()
        assert counts(matrix(response)["Personal safety", LC])[1] == 1
