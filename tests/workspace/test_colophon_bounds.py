"""What the credits form refuses besides bad years in order: a negative
year gets the form's own words, a last year needs its first, and a text
pasted far beyond a page of credits is refused, nothing saved."""

import pytest

from agendas.models import Colophon
from tests.helpers import EN
from tests.pages.helpers import page_text

from .test_colophon import SLUG, URL, form_data, saved

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_year": -5}, "Write a year between 1950 and 2100, or leave it empty."),
        ({"last_year": 3000}, "Write a year between 1950 and 2100, or leave it empty."),
        (
            {"first_year": "", "last_year": 2015},
            "Write the first year too (the same year for a cycle of one year).",
        ),
        ({"acknowledgements_es": "gracias " * 400}, "at most 2000 characters"),
        ({"team_en": "x" * 4001}, "at most 4000 characters"),
    ],
)
def test_out_of_bounds_credits_are_refused_and_nothing_is_saved(client_for, changes, message):
    before = saved()
    data = form_data(Colophon.objects.get(agenda__slug=SLUG), **changes)
    response = client_for("facilitator").post(URL, data, headers=EN)
    assert response.status_code == 400
    assert message in page_text(response)
    assert saved() == before


def test_a_long_text_within_bounds_is_saved(client_for):
    data = form_data(Colophon.objects.get(agenda__slug=SLUG), acknowledgements_en="thanks " * 280)
    assert client_for("facilitator").post(URL, data, headers=EN).status_code == 302
    assert saved()["acknowledgements_en"].startswith("thanks thanks")
