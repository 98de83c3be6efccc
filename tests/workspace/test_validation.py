"""What a facilitator types is checked on the server: an impossible flip
chart, a count that is not a number or a link to another neighbourhood's
work is refused with a message in the reader's language, and nothing at all
is written, history included.

Here: paper tallies and workshops. Issues, proposals and moves:
test_agenda_item_validation.py. The happy paths the facilitator depends on
reach the public agenda page at once: test_public_page_after_work.py."""

import pytest

from .validation import AGGRESSIONS, YOUTHS, refused, tally_data, tally_url, workshop_data

pytestmark = pytest.mark.django_db


# --- paper tallies ---------------------------------------------------------------


IMPOSSIBLE_TALLIES = [
    pytest.param(
        (10, 3, 2, {AGGRESSIONS: 21}),
        {
            "en": "At most 20 dots: 10 people × 2 dots on one issue.",
            "es": "Como máximo 20 puntos: 10 personas × 2 puntos en un tema.",
        },
        id="more-dots-on-one-issue-than-voters-times-limit",
    ),
    pytest.param(
        (10, 3, "", {AGGRESSIONS: 31}),
        {
            "en": "At most 30 dots: 10 people × 3 dots each.",
            "es": "Como máximo 30 puntos: 10 personas × 3 puntos cada una.",
        },
        id="more-dots-on-one-issue-than-all-voters-had",
    ),
    pytest.param(
        (10, 3, 2, {AGGRESSIONS: 20, YOUTHS: 11}),
        {
            "en": "31 dots in all, but 10 people with 3 dots each could place at most 30.",
            "es": "31 puntos en total, pero 10 personas con 3 puntos cada una podían poner "
            "como máximo 30.",
        },
        id="more-dots-in-all-than-voters-had",
    ),
    pytest.param(
        (10, 3, 2, {AGGRESSIONS: -1}),
        {
            "en": "The number of dots cannot be negative.",
            "es": "El número de puntos no puede ser negativo.",
        },
        id="negative-dots",
    ),
    pytest.param(
        (64, "", "", {}),
        {
            "en": "More people voted than the 63 recorded at the workshop.",
            "es": "Votaron más personas que las 63 registradas en el taller.",
        },
        id="more-voters-than-attendance",
    ),
    pytest.param(
        (10, 2, 3, {}),
        {
            "en": "No one can put more dots on one issue than they had in all.",
            "es": "Nadie puede poner en un tema más puntos de los que tenía en total.",
        },
        id="limit-per-issue-above-dots-per-voter",
    ),
    pytest.param(
        (0, "", "", {AGGRESSIONS: 3}),
        {"en": "There are dots but no one voted.", "es": "Hay puntos, pero nadie votó."},
        id="dots-without-voters",
    ),
    pytest.param(
        ("diez", "", "", {AGGRESSIONS: "tres"}),
        {"en": "Enter a whole number.", "es": "Escriba un número entero."},
        id="not-a-number",
    ),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("typed", "message"), IMPOSSIBLE_TALLIES)
def test_an_impossible_first_tally_is_refused(facilitator, workshop, language, typed, message):
    voters, per_voter, per_issue, dots = typed
    text = refused(
        facilitator,
        tally_url(workshop),
        tally_data(voters, per_voter, per_issue, **dots),
        language,
    )
    assert message[language] in text


def saved_numbers(tally):
    tally.refresh_from_db()
    dots = sorted(tally.counts.values_list("issue__title_en", "dots"))
    return (tally.voters, tally.dots_per_voter, tally.max_dots_per_issue, dots)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("typed", "message"), IMPOSSIBLE_TALLIES)
def test_an_impossible_correction_keeps_the_saved_tally(
    facilitator, workshop, saved_tally, language, typed, message
):
    before = saved_numbers(saved_tally)
    voters, per_voter, per_issue, dots = typed
    text = refused(
        facilitator,
        tally_url(workshop),
        tally_data(voters, per_voter, per_issue, **dots),
        language,
    )
    assert message[language] in text
    assert saved_numbers(saved_tally) == before


def test_fewer_voters_cannot_have_left_the_saved_dots(facilitator, workshop, saved_tally):
    # 20 dots on one issue were possible with 10 voters, not with 5.
    before = saved_numbers(saved_tally)
    text = refused(facilitator, tally_url(workshop), tally_data(5, 3, 2, **{AGGRESSIONS: 20}), "en")
    assert "At most 10 dots: 5 people × 2 dots on one issue." in text
    assert saved_numbers(saved_tally) == before


# --- workshops --------------------------------------------------------------------


BAD_WORKSHOPS = [
    pytest.param(
        {"attendance": {"women": -3}},
        {
            "en": "The number of people cannot be negative.",
            "es": "El número de personas no puede ser negativo.",
        },
        id="negative-attendance",
    ),
    pytest.param(
        {"attendance": {"women": "doce"}},
        {"en": "Enter a whole number.", "es": "Escriba un número entero."},
        id="attendance-not-a-number",
    ),
    pytest.param(
        {"title_es": "", "title_en": ""},
        {
            "en": "Write it in Spanish, in English or in both.",
            "es": "Escríbalo en español, en inglés o en ambos.",
        },
        id="no-title",
    ),
    pytest.param(
        {"date": ""},
        {"en": "This field is required.", "es": "Este campo es obligatorio."},
        id="no-date",
    ),
    pytest.param(
        {"date": "9 de marzo"},
        {"en": "Enter the date as YYYY-MM-DD.", "es": "Escriba la fecha como AAAA-MM-DD."},
        id="date-not-a-date",
    ),
    pytest.param(
        {"date": "2024-02-30"},
        {"en": "Enter the date as YYYY-MM-DD.", "es": "Escriba la fecha como AAAA-MM-DD."},
        id="impossible-date",
    ),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("typed", "message"), BAD_WORKSHOPS)
def test_a_bad_new_workshop_is_refused(facilitator, lazaro, language, typed, message):
    url = f"/workspace/neighbourhoods/{lazaro.pk}/workshops/new/"
    text = refused(facilitator, url, workshop_data(**typed), language)
    assert message[language] in text


@pytest.mark.parametrize(("typed", "message"), BAD_WORKSHOPS)
def test_a_bad_workshop_edit_keeps_the_workshop(facilitator, workshop, typed, message):
    attendance = list(workshop.attendance.values_list("group__slug", "count"))
    text = refused(
        facilitator, f"/workspace/workshops/{workshop.pk}/edit/", workshop_data(**typed), "en"
    )
    assert message["en"] in text
    workshop.refresh_from_db()
    assert workshop.title_en == "Co-construction workshops, 2016–2018"
    assert list(workshop.attendance.values_list("group__slug", "count")) == attendance


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Choose among this neighbourhood's facilitators."),
        ("es", "Elija entre las personas facilitadoras de esta colonia."),
    ],
)
def test_a_facilitator_of_another_neighbourhood_cannot_run_the_workshop(
    facilitator, lazaro, demo_users, language, message
):
    data = workshop_data(facilitators=[demo_users["other_facilitator"].pk])
    url = f"/workspace/neighbourhoods/{lazaro.pk}/workshops/new/"
    assert message in refused(facilitator, url, data, language)
