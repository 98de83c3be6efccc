"""The demo's restricted issue never reaches, in any data set, file or API
answer, someone who may not see it; those who may see it get it, marked."""

import pytest
from django.test import Client

from tests.api.tokens import token_for

from .helpers import every_answer, traces_of_the_restricted_issue

pytestmark = pytest.mark.django_db


def texts_of(issue):
    return [issue.title_en, issue.title_es, issue.description_en, issue.description_es]


def ids_in(answers, name, form, column):
    """The public ids a column of a data set names (a list column or one id)."""
    found = set()
    for row in answers[name, form][1]:
        value = row[column]
        if form == "csv":
            found.update(part for part in value.split("|") if part)
        elif isinstance(value, list):
            found.update(value)
        else:
            found.add(value)
    return found


@pytest.mark.parametrize("role", ["visitor", "resident", "other_facilitator"])
def test_no_trace_of_the_restricted_issue_for_those_who_may_not_see_it(client_for, role):
    hidden, proposal, _round = traces_of_the_restricted_issue()
    answers = every_answer(client_for(role))
    for (name, form), (raw, _rows) in answers.items():
        for text in texts_of(hidden):
            assert text not in raw, (name, form)
    for form in ("csv", "json", "api"):
        assert hidden.public_id not in ids_in(answers, "issues", form, "id")
        assert "restricted" not in {row["visibility"] for row in answers["issues", form][1]}
        assert hidden.public_id not in ids_in(answers, "proposals", form, "issues")
        assert hidden.public_id not in ids_in(answers, "results", form, "issue")
        # The proposal itself is public: only the link to the hidden issue goes.
        assert proposal.public_id in ids_in(answers, "proposals", form, "id")


def check_sees_it_marked(answers, hidden, proposal):
    for form in ("csv", "json", "api"):
        (row,) = [r for r in answers["issues", form][1] if r["id"] == hidden.public_id]
        assert row["visibility"] == "restricted"
        assert row["title_en"] == hidden.title_en
        assert row["title_es"] == hidden.title_es
        assert hidden.public_id in ids_in(answers, "proposals", form, "issues")
        paper = [
            r
            for r in answers["results", form][1]
            if r["issue"] == hidden.public_id and r["source"] == "paper"
        ]
        assert [int(r["points"]) for r in paper] == [4]


@pytest.mark.parametrize("role", ["facilitator", "researcher", "admin"])
def test_those_allowed_get_it_marked_restricted(client_for, role):
    hidden, proposal, _round = traces_of_the_restricted_issue()
    check_sees_it_marked(every_answer(client_for(role)), hidden, proposal)


def test_a_researchers_token_reads_what_their_session_reads(demo_users, client_for):
    hidden, proposal, _round = traces_of_the_restricted_issue()
    token = token_for(demo_users["researcher"])
    by_token = Client()
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"}
    from .helpers import api_rows

    by_session = client_for("researcher")
    for name in ["issues", "proposals", "results", "workshops", "attendance"]:
        assert api_rows(by_token, name, **headers) == api_rows(by_session, name)
    rows = api_rows(by_token, "issues", **headers)
    assert [r["visibility"] for r in rows if r["id"] == hidden.public_id] == ["restricted"]
    # The downloads are pages of the site: a token does not sign anyone in there.
    assert hidden.title_en not in Client().get("/data/issues.csv", **headers).content.decode()
