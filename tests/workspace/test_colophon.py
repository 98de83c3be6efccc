"""An agenda's credits and licence, edited in the workspace by those who may
edit the agenda, and printed by its next booklet."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from agendas.cache import generation
from agendas.models import Agenda, Colophon, Licence
from booklets.rendering import booklet_html
from core.public_ids import new_public_id
from publication.cycles import start_next_cycle
from publication.facts import publication_facts
from tests.helpers import EN
from tests.pages.helpers import page_text
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

SLUG = "lazaro-cardenas"
URL = reverse("workspace-agenda-colophon", args=[SLUG])


TEXTS = [
    f"{base}_{code}"
    for base in ("publisher", "team", "institutions", "funders", "design", "acknowledgements")
    for code in ("es", "en")
]


def form_data(colophon, **changes):
    """The form as the page shows it filled in, with `changes`."""
    data = {
        "first_year": colophon.first_year or "",
        "last_year": colophon.last_year or "",
        "licence": colophon.licence,
        **{name: getattr(colophon, name) or "" for name in TEXTS},
    }
    data.update(changes)
    return data


def saved():
    # Every column, each language's text on its own (not the active one's).
    return (
        Colophon.objects.filter(agenda__slug=SLUG)
        .values("first_year", "last_year", "licence", *TEXTS)
        .get()
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("visitor", 302),  # to sign in
        ("resident", 403),
        ("other_facilitator", 403),
        ("researcher", 403),
        ("facilitator", 200),
        ("admin", 200),
    ],
)
def test_who_may_open_and_save_the_credits(client_for, role, status):
    client = client_for(role)
    before = saved()
    assert client.get(URL, headers=EN).status_code == status
    colophon = Colophon.objects.get(agenda__slug=SLUG)
    response = client.post(URL, form_data(colophon, team_en="Someone else"), headers=EN)
    if status == 200:
        assert response.status_code == 302
        assert saved()["team_en"] == "Someone else"
    else:
        assert response.status_code == status
        assert saved() == before


def test_the_agenda_page_links_to_the_credits_for_its_editors(client_for):
    page = reverse("workspace-agenda", args=[SLUG])
    assert URL in client_for("facilitator").get(page, headers=EN).content.decode()
    assert URL not in client_for("researcher").get(page, headers=EN).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_year": 2018, "last_year": 2016}, "The last year cannot come before the first."),
        ({"first_year": 16}, "Write a year between 1950 and 2100, or leave it empty."),
        ({"last_year": "two thousand"}, "Write a year between 1950 and 2100, or leave it empty."),
        ({"licence": "public-domain"}, "Choose one of the listed licences."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(client_for, changes, message):
    before = saved()
    colophon = Colophon.objects.get(agenda__slug=SLUG)
    data = form_data(colophon, team_en="Not saved", **changes)
    response = client_for("facilitator").post(URL, data, headers=EN)
    assert response.status_code == 400
    assert message in page_text(response)
    assert "Nothing was saved" in page_text(response)
    assert saved() == before


def test_an_edit_shows_in_the_next_booklet(client_for):
    agenda = Agenda.objects.get(slug=SLUG)
    cached_pages = generation()
    colophon = Colophon.objects.get(agenda=agenda)
    data = form_data(
        colophon,
        first_year=2019,
        last_year=2021,
        team_en="**Field team**\nAna Example",
        licence=Licence.CC_BY_NC,
        publisher_en="Observatorio Ciudadano",
    )
    assert client_for("facilitator").post(URL, data, headers=EN).status_code == 302

    # Cached pages of the agenda are retired, as for any edit of it.
    assert generation() != cached_pages
    agenda.refresh_from_db()
    html = booklet_html(agenda, user=AnonymousUser(), edition="public", language="en", paper="a4")
    assert "2019–2021" in html
    assert "Ana Example" in html
    assert "Observatorio Ciudadano" in html
    assert "https://creativecommons.org/licenses/by-nc/4.0/" in html
    assert "2016–2018" not in html.split('<section class="cover', 1)[1].split("</section>")[0]


def test_without_years_the_cycle_comes_from_the_workshops():
    agenda = Agenda.objects.get(slug=SLUG)
    Colophon.objects.filter(agenda=agenda).update(first_year=None, last_year=None)
    assert publication_facts(agenda).cycle == ""  # the demo's workshop has no date
    Workshop.objects.filter(neighbourhood=agenda.neighbourhood).update(date="2017-03-04")
    workshop = Workshop.objects.filter(neighbourhood=agenda.neighbourhood).first()
    workshop.pk = None
    workshop.public_id = new_public_id()
    workshop.date = "2019-11-30"
    workshop.save()
    assert publication_facts(agenda).cycle == "2017–2019"


def test_a_draft_is_cited_at_its_page_until_it_is_published(demo_users):
    agenda = Agenda.objects.get(slug=SLUG)
    new = start_next_cycle(agenda, by=demo_users["admin"], copy_items=False)
    facts = publication_facts(new)
    assert facts.version is None
    assert facts.permanent_url.endswith(f"/agendas/{new.slug}/")
    assert "Draft, not yet published" in facts.citation
    # The credits come along to the next cycle; its years are its own.
    copied, kept = new.colophon, agenda.colophon
    assert copied.team_en == kept.team_en and copied.licence == kept.licence
    assert (copied.first_year, copied.last_year) == (None, None)
    assert (kept.first_year, kept.last_year) == (2016, 2018)


def test_a_version_page_says_how_to_cite_it(client):
    response = client.get(reverse("agenda-version", args=[SLUG, 1]), headers=EN)
    text = page_text(response)
    assert "How to cite: Human Security Agenda for Apatzingán. Version 1," in text
    assert f"{settings.SITE_URL.rstrip('/')}/agendas/{SLUG}/v1/" in text
