"""Each filter narrows the comparison; a value the page cannot use gets a
clear message in the reader's language, status 400, and no numbers."""

import datetime

import pytest

from agendas.models import Issue
from communities.models import Neighbourhood, ParticipantGroup
from workshops.models import Attendance, Workshop

from .helpers import counts, matrix, svg_texts, tables

pytestmark = pytest.mark.django_db
LC, NA, ST = "Lázaro Cárdenas Apatzingán", "Nuevo Almaguer Guadalupe", "Sánchez Taboada Tijuana"


def get(client, query, language="en"):
    return client.get("/compare/" + query, headers={"accept-language": language})


def columns(response):
    return tables(response)["issue-matrix"][0][1:]


def dimensions(response):
    return [row[0] for row in tables(response)["issue-matrix"][1:]]


def test_city_filter(client_for):
    client = client_for("visitor")
    assert columns(get(client, "")) == [LC, NA, ST]
    assert columns(get(client, "?city=tijuana")) == [ST]
    response = get(client, "?city=tijuana&city=guadalupe")
    assert columns(response) == [NA, ST]
    body = response.content.decode()
    assert body.count("checked") == 2 + 1  # two cities and the kind “both”


def test_dimension_filter(client_for):
    response = get(client_for("visitor"), "?dimension=women")
    assert dimensions(response) == ["Women's safety"]
    numbers = [row[1] for row in tables(response)["neighbourhood-numbers"][1:]]
    assert numbers == [
        "1 prioritised · 0 silenced",
        "3 prioritised · 0 silenced",
        "0 prioritised · 1 silenced",
    ]
    assert "Drug addiction and hopelessness" not in response.content.decode()


@pytest.mark.parametrize("kind", ["prioritised", "silenced"])
def test_kind_filter(client_for, kind):
    other = {"prioritised": "silenced", "silenced": "prioritised"}[kind]
    response = get(client_for("researcher"), f"?kind={kind}")
    for (dimension, column), text in matrix(response).items():
        assert other not in text
        expected = Issue.objects.filter(
            agenda__neighbourhood__name_en=column.split(" ")[0] + " " + column.split(" ")[1],
            dimension__name_en=dimension,
            kind=kind,
        ).count()
        assert counts(text) == ((expected, 0) if kind == "prioritised" else (0, expected))
    labels = " ".join(matrix(response, "issue-titles").values())
    assert other.capitalize() not in labels and kind.capitalize() in labels


@pytest.fixture
def dated_workshops():
    """Workshops of 2016, 2017 and 2018 in two neighbourhoods, the issues that
    came up in them, and who came."""
    lc = Neighbourhood.objects.get(slug="lazaro-cardenas")
    st = Neighbourhood.objects.get(slug="sanchez-taboada")
    women, men = (
        ParticipantGroup.objects.get(slug="women"),
        ParticipantGroup.objects.get(slug="men"),
    )

    def workshop(place, day, **people):
        # Each a first workshop for all who came, no one in two groups.
        present = sum(people.values())
        w = Workshop.objects.create(
            neighbourhood=place,
            title_en=str(day),
            date=day,
            people_present=present,
            first_timers=present,
        )
        for group, count in people.items():
            Attendance.objects.create(
                workshop=w, group={"women": women, "men": men}[group], count=count
            )
        return w

    w2016 = workshop(st, datetime.date(2016, 12, 1), women=6)
    w2017 = workshop(lc, datetime.date(2017, 3, 10), women=10, men=4)
    w2018 = workshop(lc, datetime.date(2018, 6, 1), women=3)
    issue = lambda title, slug: Issue.objects.get(title_en=title, agenda__slug=slug)  # noqa: E731
    issue("Domestic violence", "lazaro-cardenas").workshops.set([w2017])
    issue("Forced displacement", "lazaro-cardenas").workshops.set([w2018])
    issue("Drug addiction and hopelessness", "lazaro-cardenas").workshops.set([w2017, w2018])
    issue("Authoritarian responses to helplessness", "sanchez-taboada").workshops.set([w2016])


def test_period_filter(client_for, dated_workshops):
    client = client_for("visitor")
    response = get(client, "?date_from=2017-01-01&date_to=2017-12-31")
    assert response.status_code == 200
    shown = {key: counts(text) for key, text in matrix(response).items() if text != "none"}
    assert shown == {("Women's safety", LC): (1, 0), ("Health security", LC): (1, 0)}
    numbers = {
        row[0].split(" ")[0]: row[1:] for row in tables(response)["neighbourhood-numbers"][1:]
    }
    assert numbers["Lázaro"][1] == "14"  # the undated demo workshop is left out
    assert numbers["Sánchez"][1] == "No attendance recorded"
    assert "Lázaro Cárdenas: 14 people" in svg_texts(response)

    response = get(client, "?date_from=2018-01-01")
    shown = {key: counts(text) for key, text in matrix(response).items() if text != "none"}
    assert shown == {("Personal safety", LC): (0, 1), ("Health security", LC): (1, 0)}

    response = get(client, "?date_to=2016-12-31")
    shown = {key: counts(text) for key, text in matrix(response).items() if text != "none"}
    assert shown == {("Political security", ST): (0, 1)}
    assert "one line" not in response.content.decode()
    assert "issues with no workshop dated in the period are left out" in response.content.decode()


def test_filters_combine(client_for, dated_workshops):
    response = get(client_for("visitor"), "?date_from=2017-01-01&kind=silenced&city=apatzingan")
    assert columns(response) == [LC]
    shown = {key: counts(text) for key, text in matrix(response).items() if text != "none"}
    assert shown == {("Personal safety", LC): (0, 1)}


CITY = (
    "Unknown city. Choose cities from the list.",
    "Ciudad desconocida. Elija ciudades de la lista.",
)
DIMENSION = (
    "Unknown dimension. Choose one from the list.",
    "Dimensión desconocida. Elija una de la lista.",
)
KIND = ("Choose prioritised, silenced or both.", "Elija priorizados, silenciados o ambos.")
DATE = ("Enter the date as YYYY-MM-DD.", "Escriba la fecha como AAAA-MM-DD.")
PERIOD = (
    "The end of the period is before its start.",
    "El final del periodo es anterior a su inicio.",
)
BAD = [
    ("?city=atlantis", *CITY),
    ("?city=tijuana&city=%00", *CITY),
    ("?dimension=happiness", *DIMENSION),
    ("?kind=all", *KIND),
    ("?date_from=2017-02-30", *DATE),
    ("?date_to=yesterday", *DATE),
    ("?date_from=31/12/2017", *DATE),
    ("?date_from=%00%ff", *DATE),
    ("?date_from=99999-01-01", *DATE),
    ("?date_from=2018-01-01&date_to=2017-01-01", *PERIOD),
]


@pytest.mark.parametrize("query, english, spanish", BAD)
def test_bad_values_get_a_clear_message_and_no_numbers(client_for, query, english, spanish):
    client = client_for("researcher")
    for language, message in [("en", english), ("es-MX", spanish)]:
        response = get(client, query, language)
        assert response.status_code == 400
        body = response.content.decode()
        assert message in body
        assert 'role="alert"' in body and 'id="filter-errors"' in body
        assert "Traceback" not in body
        # Nothing computed from a refused value.
        assert "issue-matrix" not in body and "<svg" not in body


def test_the_language_cookie_chooses_the_message_language(client_for):
    client = client_for("visitor")
    client.post("/i18n/setlang/", {"language": "es", "next": "/compare/"})
    response = client.get("/compare/?city=atlantis", headers={"accept-language": "en"})
    assert response.status_code == 400
    assert "Ciudad desconocida. Elija ciudades de la lista." in response.content.decode()


def test_a_city_without_an_agenda_one_may_see_is_not_offered(client_for):
    from agendas.models import Agenda

    Agenda.objects.filter(slug="nuevo-almaguer").update(status="draft")
    assert get(client_for("visitor"), "?city=guadalupe").status_code == 400
    assert columns(get(client_for("researcher"), "?city=guadalupe")) == [NA]


@pytest.mark.parametrize("query", ["?page=-1", "?x=%zz", "?kind=", "?city=&dimension=", "?%"])
def test_unknown_or_empty_parameters_are_ignored(client_for, query):
    response = get(client_for("visitor"), query)
    assert response.status_code == 200
    assert columns(response) == [LC, NA, ST]


def test_an_address_with_too_many_parameters_gets_the_bad_request_page(client_for):
    response = get(client_for("visitor"), "?" + "x=1&" * 2000)
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    assert "Traceback" not in response.content.decode()
