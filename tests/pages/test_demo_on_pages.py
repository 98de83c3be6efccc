"""Every item of the demo data file is on the public pages, in English on
the English pages and in Spanish on the Spanish pages."""

import pytest
import yaml

from core.text import render_markdown
from demo.loader import DATA_FILE

from .helpers import get_in, page_text, plain

pytestmark = pytest.mark.django_db

DATA = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
PARTICIPANTS = {"lazaro-cardenas": 63, "sanchez-taboada": 61, "nuevo-almaguer": 61, "national": 0}


def expected_texts(agenda, language):
    texts = [agenda["title"][language]]
    for section in agenda.get("sections", []):
        if section["heading"][language]:
            texts.append(section["heading"][language])
        body = (section.get("body") or {}).get(language, "")
        texts.extend(plain(body.replace("{participants}", str(PARTICIPANTS[agenda["slug"]]))))
        # The national agenda's principles and requirements, one by one.
        texts.extend(plain(point["text"][language])[0] for point in section.get("points", []))
    for issue in agenda.get("issues", []):
        if issue.get("visibility", "public") == "public":
            texts.append(issue["title"][language])
    texts.extend(plain(p["text"][language])[0] for p in agenda.get("proposals", []))
    return texts


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("agenda", DATA["agendas"], ids=lambda a: a["slug"])
def test_every_demo_item_is_on_its_agenda_page(client, agenda, language):
    response = get_in(client, f"/agendas/{agenda['slug']}/", language)
    assert response.status_code == 200
    text = page_text(response)
    missing = [t for t in expected_texts(agenda, language) if t not in text]
    assert missing == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_emphasis_is_kept_on_the_page(client, language):
    proposal = DATA["agendas"][0]["proposals"][0]["text"][language]
    response = get_in(client, "/agendas/lazaro-cardenas/", language)
    assert str(render_markdown(proposal)).removeprefix("<p>").removesuffix("</p>") in (
        response.content.decode()
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_home_shows_cities_neighbourhoods_and_participant_counts(client, language):
    text = page_text(get_in(client, "/", language))
    for city in DATA["cities"]:
        assert city["name"][language] in text
        for neighbourhood in city["neighbourhoods"]:
            assert neighbourhood["name"][language] in text
    residents = "residents took part" if language == "en" else "habitantes participaron"
    for count in (63, 61):
        assert f"{count} {residents}" in text
    assert plain(DATA["overview"][language])[0] in text
    acapulco = DATA["cities"][3]["neighbourhoods"][0]
    assert acapulco["stopped_reason"][language] in text


def test_other_language_is_not_on_the_page(client):
    text = page_text(get_in(client, "/agendas/lazaro-cardenas/", "en"))
    assert "Agresiones, asaltos y robos" not in text
    text = page_text(get_in(client, "/agendas/lazaro-cardenas/", "es"))
    assert "Aggressions, assaults and robberies" not in text
