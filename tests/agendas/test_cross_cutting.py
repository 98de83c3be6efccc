"""An issue touching three security dimensions or more (its own and the
related ones) is shown in a block of its own naming every dimension it
touches, as the seed's booklets show Tijuana's landslides; an issue touching
fewer stays in its dimension's list. The live page, a published version and
the booklet arrange issues by the same rule, and list each issue once."""

import re
from types import SimpleNamespace

import pytest

from agendas.cache import new_generation
from agendas.models import Issue
from communities.models import SecurityDimension
from publication.selectors import arrange_issues, is_cross_cutting
from publication.versions import _Many
from tests.helpers import EN, ES

pytestmark = pytest.mark.django_db

PAGE, VERSION = "/agendas/sanchez-taboada/", "/agendas/sanchez-taboada/v1/"
LANDSLIDES = {
    "en": "Disaster and distress due to landslides",
    "es": "Desastre y angustia por los deslaves",
}
# Its own dimension and the four related ones, as the seed names them.
FIVE = {
    "en": [
        "Environmental security", "Community safety", "Economic security",
        "Personal safety", "Political security",
    ],
    "es": [
        "Seguridad ambiental", "Seguridad comunitaria", "Seguridad económica",
        "Seguridad personal", "Seguridad política",
    ],
}  # fmt: skip
HEADERS = {"en": EN, "es": ES}
TAG = re.compile(r"<[^>]+>")


def _issue(dimension, *related, kind=Issue.Kind.PRIORITISED):
    return SimpleNamespace(
        kind=kind,
        dimension=SimpleNamespace(slug=dimension),
        related_dimensions=_Many(SimpleNamespace(slug=slug) for slug in related),
    )


def test_three_dimensions_or_more_make_an_issue_cross_cutting():
    assert is_cross_cutting(_issue("environmental", "community", "economic"))
    assert not is_cross_cutting(_issue("environmental", "community"))
    # A related dimension repeating the issue's own is not another one.
    assert not is_cross_cutting(_issue("environmental", "environmental", "community"))


def test_each_issue_is_arranged_once():
    two, three = _issue("personal", "women"), _issue("personal", "women", "youths")
    silenced = _issue("women", "personal", "youths", kind=Issue.Kind.SILENCED)
    groups, cross_cutting, quiet = arrange_issues([two, three, silenced])
    assert [(g.dimension.slug, g.issues) for g in groups] == [("personal", [two])]
    assert [(c.issue, [d.slug for d in c.dimensions]) for c in cross_cutting] == [
        (three, ["personal", "women", "youths"])
    ]
    assert quiet == [silenced]


def blocks(html):
    """(the cross-cutting block's text, [each dimension block's text])."""
    found = re.search(r'<section class="cross-cutting".*?</section>', html, re.S)
    dimensions = re.findall(r'<section class="dimension .*?</section>', html, re.S)
    return (TAG.sub(" ", found[0]) if found else ""), [TAG.sub(" ", d) for d in dimensions]


def assert_landslides_cross_cutting(html, language):
    cross_cutting, dimensions = blocks(html)
    assert LANDSLIDES[language] in cross_cutting
    assert all(name in cross_cutting for name in FIVE[language])
    assert [d for d in dimensions if LANDSLIDES[language] in d] == []
    assert html.count(LANDSLIDES[language]) == 1


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("url", [PAGE, VERSION])
def test_the_landslides_are_a_cross_cutting_issue_on_the_page_and_its_version(
    client, url, language
):
    response = client.get(url, headers=HEADERS[language])
    assert response.status_code == 200
    html = response.content.decode()
    assert {"en": "Cross-cutting issues", "es": "Temas transversales"}[language] in html
    assert_landslides_cross_cutting(html, language)


def test_an_issue_touching_two_dimensions_stays_in_its_dimension(client):
    landslides = Issue.objects.get(title_en=LANDSLIDES["en"])
    landslides.related_dimensions.set([SecurityDimension.objects.get(slug="community")])
    new_generation()
    html = client.get(PAGE, headers=EN).content.decode()
    cross_cutting, dimensions = blocks(html)
    assert cross_cutting == ""
    (environmental,) = [d for d in dimensions if LANDSLIDES["en"] in d]
    assert "Environmental security" in environmental
    assert html.count(LANDSLIDES["en"]) == 1
    # The published version keeps the five dimensions it was published with.
    assert_landslides_cross_cutting(client.get(VERSION, headers=EN).content.decode(), "en")
