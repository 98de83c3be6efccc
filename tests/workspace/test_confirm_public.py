"""One careless save must not publish a silenced issue: a new silenced issue
starts restricted, and making any issue public on an agenda that visitors
(published) or residents (in consultation) read asks first, on a page that
works without JavaScript. The confirmed step is kept in the history."""

import re
from html import unescape

import pytest

from agendas.models import Agenda, Issue
from communities.models import SecurityDimension
from tests.helpers import EN, ES
from tests.history.helpers import history
from tests.workspace.forms import issue_as_it_stands

pytestmark = pytest.mark.django_db

NEW = "/workspace/agendas/lazaro-cardenas/issues/new/"


def new_issue(**changes):
    data = {
        "title_es": "Cobro de piso en el mercado",
        "title_en": "Extortion at the market",
        "description_es": "",
        "description_en": "",
        "dimension": SecurityDimension.objects.get(slug="economic").pk,
        "kind": "silenced",
        "visibility": "public",
        "revision": 0,
    }
    data.update(changes)
    return data


def set_status(status):
    Agenda.objects.filter(slug="lazaro-cardenas").update(status=status)


def checked(body, name):
    """The value of the checked radio button called `name`."""
    for tag in re.findall(r"<input[^>]*>", body):
        if f'name="{name}"' in tag and "checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


def hidden_fields(body):
    """The hidden fields of each form carrying the issue, as (name, value) lists."""
    hidden = r'type="hidden" name="([^"]+)" value="([^"]*)"'
    return [
        [(name, unescape(value)) for name, value in re.findall(hidden, f)]
        for f in re.findall(r"<form.*?</form>", body, flags=re.S)
        if 'name="title_es"' in f
    ]


def test_a_new_silenced_issue_starts_restricted(client_for):
    body = client_for("facilitator").get(f"{NEW}?kind=silenced", headers=EN).content.decode()
    assert checked(body, "kind") == "silenced"
    assert checked(body, "visibility") == "restricted"
    # A prioritised one still starts public: residents chose it in the open.
    body = client_for("facilitator").get(f"{NEW}?kind=prioritised", headers=EN).content.decode()
    assert checked(body, "visibility") == "public"


@pytest.mark.parametrize("status", ["published", "consultation"])
def test_a_new_public_issue_waits_for_confirmation(client_for, status):
    set_status(status)
    client = client_for("facilitator")
    before = Issue.objects.count()

    response = client.post(NEW, new_issue(), headers=EN)

    assert response.status_code == 200
    assert Issue.objects.count() == before, "nothing is saved before the confirmation"
    body = response.content.decode()
    assert "Make “Extortion at the market” public?" in unescape(body)
    assert "It is a silenced issue." in body
    confirm, restricted = hidden_fields(body)
    assert ("title_es", "Cobro de piso en el mercado") in confirm
    assert ("visibility", "public") in confirm
    assert not any(name == "visibility" for name, _value in restricted)
    assert 'name="confirm_public" value="yes"' in body


def test_confirming_saves_what_was_typed_and_the_history_says_so(client_for):
    client = client_for("facilitator")
    asked = client.post(NEW, new_issue(), headers=EN).content.decode()
    data = dict(hidden_fields(asked)[0])
    data["confirm_public"] = "yes"

    response = client.post(NEW, data, headers=EN)

    assert response.status_code == 302
    issue = Issue.objects.get(title_en="Extortion at the market")
    assert issue.visibility == "public" and issue.kind == "silenced"
    entries = history(client_for("researcher"), f"/workspace/issues/{issue.pk}/history/")
    heading, _fields = entries[0]
    assert "Issue created · Made public after confirmation" in heading


def test_saving_as_restricted_instead_keeps_it_from_the_public(client_for):
    client = client_for("facilitator")
    asked = client.post(NEW, new_issue(), headers=EN).content.decode()
    data = dict(hidden_fields(asked)[1])
    data["visibility"] = "restricted"  # the button of that form

    assert client.post(NEW, data, headers=EN).status_code == 302
    assert Issue.objects.get(title_en="Extortion at the market").visibility == "restricted"


def test_making_a_restricted_issue_public_asks_first(client_for):
    issue = Issue.objects.get(agenda__slug="lazaro-cardenas", visibility="restricted")
    url = f"/workspace/issues/{issue.pk}/edit/"
    client = client_for("facilitator")

    response = client.post(url, issue_as_it_stands(issue, visibility="public"), headers=EN)

    assert response.status_code == 200
    issue.refresh_from_db()
    assert issue.visibility == "restricted"
    confirmed = issue_as_it_stands(issue, visibility="public", confirm_public="yes")
    assert client.post(url, confirmed, headers=EN).status_code == 302
    issue.refresh_from_db()
    assert issue.visibility == "public"


def test_no_question_where_nobody_outside_the_team_reads(client_for):
    """A draft is read by its team only; an issue already public stays so."""
    client = client_for("facilitator")
    public = Issue.objects.filter(agenda__slug="lazaro-cardenas", visibility="public").first()
    response = client.post(
        f"/workspace/issues/{public.pk}/edit/", issue_as_it_stands(public, title_en="Renamed")
    )
    assert response.status_code == 302

    set_status("draft")
    assert client.post(NEW, new_issue(), headers=EN).status_code == 302
    assert Issue.objects.get(title_en="Extortion at the market").visibility == "public"


def test_the_question_is_asked_in_spanish(client_for):
    body = client_for("facilitator").post(NEW, new_issue(), headers=ES).content.decode()
    assert "¿Hacer público «Cobro de piso en el mercado»?" in unescape(body)
    assert "Sí, hacerlo público" in body
    assert "todas las personas que visitan el sitio" in body
