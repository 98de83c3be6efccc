"""The Word document says what the booklet says of itself as a publication:
the cycle of workshops and the version on its first page, the credits, how
to cite it and its licence at its end; and it keeps the booklet's block of
cross-cutting issues."""

import io

import pytest
import segno

from agendas.models import Agenda
from publication.facts import publication_facts

from .documents import make, words

pytestmark = pytest.mark.django_db

LANDSLIDES = {
    "en": "Disaster and distress due to landslides",
    "es": "Desastre y angustia por los deslaves",
}
HOW_TO_CITE = {"en": "How to cite", "es": "Cómo citar"}
CROSS_CUTTING = {"en": "Cross-cutting issues", "es": "Temas transversales"}


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_first_page_gives_the_cycle_and_the_version(language):
    document = make("nuevo-almaguer", language=language)
    first_page = words(" ".join(p.text for p in document.paragraphs[:12]))
    assert "2016–2018" in first_page
    version = Agenda.objects.get(slug="nuevo-almaguer").versions.order_by("-number").first()
    assert version is not None
    number = {"en": f"Version {version.number}", "es": f"Versión {version.number}"}[language]
    assert number in first_page


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_document_ends_with_the_credits_and_how_to_cite(language):
    document = make("sanchez-taboada", language=language)
    headings = [text for _style, text in document.headings()]
    assert headings[-1] == HOW_TO_CITE[language]
    assert "Nohora Constanza Niño Vega" in document.body  # Tijuana's team, from the seed
    assert "Juan Salgado Ibarra" not in document.body  # Guadalupe's team is not credited here
    agenda = Agenda.objects.get(slug="sanchez-taboada")
    version = agenda.versions.order_by("-number").first()
    assert f"/agendas/sanchez-taboada/v{version.number}/" in document.body


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_landslides_stand_in_the_cross_cutting_block_once(language):
    document = make("sanchez-taboada", language=language)
    headings = [text for _style, text in document.headings()]
    assert CROSS_CUTTING[language] in headings
    texts = [words(p.text) for p in document.paragraphs]
    block = texts.index(CROSS_CUTTING[language])
    found = [n for n, text in enumerate(texts) if LANDSLIDES[language] in text]
    assert len(found) == 1 and found[0] > block


def test_the_document_ends_with_the_qr_code_and_shows_no_preview_of_another():
    document = make("nuevo-almaguer", language="en")
    pictures = document.document.inline_shapes
    assert len(pictures) == 1  # the QR code of the back cover
    embed = pictures[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    drawn = document.document.part.related_parts[embed].blob
    expected = io.BytesIO()
    url = publication_facts(Agenda.objects.get(slug="nuevo-almaguer")).permanent_url
    segno.make(url, error="m").save(expected, kind="png", scale=8, border=2)
    assert drawn == expected.getvalue()  # the code of the permanent address
    package = document.document.part.package
    names = [str(part.partname) for part in package.iter_parts()]
    assert not any("thumbnail" in name for name in names)
