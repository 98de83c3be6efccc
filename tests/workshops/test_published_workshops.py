"""Where a workshop met, how it was run and its notes are never published:
not in the public booklet (web or command line), not in open data, not in
the API, in either language. The booklet's internal edition, for the
agenda's team, says where each workshop met."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from pypdf import PdfReader

from agendas.models import Agenda
from booklets.rendering import booklet_html
from workshops.models import Workshop
from workshops.public import PUBLISHED_COLUMNS, published_rows, published_workshops

from ..access.planted import found_in, plant
from ..opendata.helpers import every_answer

pytestmark = pytest.mark.django_db

LOCAL = ["lazaro-cardenas", "sanchez-taboada", "nuevo-almaguer"]


def booklet(slug, edition, language, user=None):
    return booklet_html(
        Agenda.objects.get(slug=slug),
        user=user or AnonymousUser(),
        edition=edition,
        language=language,
        paper="a4",
    )


def test_the_projection_holds_date_title_and_numbers_only():
    planted = plant()
    rows = list(published_rows(Workshop.objects.all()))
    assert rows and set(rows[0]) == set(PUBLISHED_COLUMNS)
    assert not found_in(repr(rows) + repr(published_workshops(Workshop.objects.all())))
    assert planted.of("workshop", "place")  # there was something to leak


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("slug", LOCAL)
def test_public_booklet_names_no_workshop_place_method_or_notes(slug, language, demo_users):
    plant()
    for user in (None, demo_users["facilitator"], demo_users["researcher"]):
        html = booklet(slug, "public", language, user)
        assert "participation" in html  # the workshops are listed…
        assert found_in(html) == set()  # …by date, title and numbers only


@pytest.mark.parametrize("language", ["es", "en"])
def test_internal_booklet_says_where_each_workshop_met(language, demo_users):
    planted = plant()
    places = set()
    for workshop in Workshop.objects.filter(neighbourhood__slug="lazaro-cardenas"):
        places |= planted.of("workshop", "place", language=language, workshop=workshop)
    html = booklet("lazaro-cardenas", "internal", language, demo_users["facilitator"])
    # Where they met, in the booklet's language; never how, nor the notes.
    assert places and found_in(html) & planted.of("workshop") == places


def test_public_booklet_from_the_command_line_names_no_place(tmp_path):
    plant()
    out = tmp_path / "booklet.pdf"
    call_command("export_agenda", "lazaro-cardenas", "--edition", "public", "--out", str(out))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "Taller" in text or "taller" in text  # the workshops are there
    assert found_in("".join(text.split())) == set()


@pytest.mark.parametrize("role", ["visitor", "facilitator", "researcher", "admin"])
def test_open_data_and_api_name_no_place_method_or_notes(client_for, role):
    workshop_words = plant().of("workshop")
    answers = every_answer(client_for(role))
    assert answers["workshops", "api"][1]  # workshops are published…
    for (name, form), (raw, _rows) in answers.items():
        assert found_in(raw) & workshop_words == set(), (name, form)  # …without a word of these
