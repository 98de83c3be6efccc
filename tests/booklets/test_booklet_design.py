"""The booklet's design, shared with the agenda's web page: each dimension's
heading and badges and each actor's heading of proposals carry an open
icon (Lucide, collected as the site's own static file) drawn inline, so that
neither the page nor the PDF asks for another file; the icon is decorative,
the words beside it name the dimension. Tijuana's landslides, touching five
dimensions, stand in a block of their own in the printed booklet too."""

import importlib
import re

import pytest
import yaml
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders

from agendas.cache import new_generation
from agendas.models import Agenda, Issue
from booklets.rendering import booklet_html
from communities.models import SecurityDimension
from core.icons import ACTOR_ICONS, DIMENSION_ICONS, ICON_NAMES, PREFIX
from core.templatetags.icons import inline_svg
from demo.loader import DATA_FILE
from proposals.models import Proposal
from publication.selectors import agenda_view
from tests.helpers import EN, squash

from ..agendas.test_cross_cutting import FIVE, LANDSLIDES, assert_landslides_cross_cutting
from .pdf import AGENDAS

pytestmark = pytest.mark.django_db

SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)


def icon_in(html, element_pattern):
    """The names of the icons drawn inline in the elements matching the pattern."""
    names = []
    for element in re.findall(element_pattern, html, re.S):
        names += re.findall(r'<svg class="icon icon-([a-z0-9-]+)"', element)
    return names


def expected(slug):
    view = agenda_view(AnonymousUser(), Agenda.objects.get(slug=slug), public_only=True)
    dimensions = {group.dimension.slug: group.dimension.icon for group in view.dimension_groups}
    actors = [ACTOR_ICONS[group.actor] for group in view.actor_groups]
    return dimensions, actors


def assert_designed(html, slug):
    dimensions, actors = expected(slug)
    for dimension, name in dimensions.items():
        heading = rf'<h3 class="dimension-name" id="dim-{dimension}">.*?</h3>'
        assert icon_in(html, heading) == [name], dimension
    headings = icon_in(html, r'<section class="actor actor-[a-z_]+".*?</h3>')
    assert headings == actors
    for badge in re.findall(r'<span class="dim-badge dim-([a-z-]+)">(.*?)</span>', html, re.S):
        slug_, inner = badge
        assert f"icon-{SecurityDimension.objects.get(slug=slug_).icon}" in inner
    # Inline, hidden from screen readers, in the text's colour; no image asked for.
    icons = [svg for svg in SVG.findall(html) if svg.startswith('<svg class="icon ')]
    assert icons
    for svg in icons:
        assert 'aria-hidden="true" focusable="false"' in svg
        assert 'stroke="currentColor"' in svg
        assert not re.search(r"<svg[^>]*\swidth=", svg)
    assert not re.search(r"<img[^>]+src=\"(?:https?:|//|data:)", html)


@pytest.mark.parametrize("slug", [s for s in AGENDAS if s != "national"])
def test_the_booklet_and_the_page_draw_each_dimensions_and_actors_icon_inline(client, slug):
    dimensions, actors = expected(slug)
    assert dimensions and actors  # every local demo agenda has both
    html = booklet_html(
        Agenda.objects.get(slug=slug),
        user=AnonymousUser(),
        edition="public",
        language="en",
        paper="a4",
    )
    assert_designed(html, slug)
    page = client.get(f"/agendas/{slug}/", headers=EN)
    assert page.status_code == 200
    assert_designed(page.content.decode(), slug)


def test_the_booklet_shows_the_landslides_in_the_cross_cutting_block():
    html = booklet_html(
        Agenda.objects.get(slug="sanchez-taboada"),
        user=AnonymousUser(),
        edition="public",
        language="es",
        paper="a4",
    )
    assert_landslides_cross_cutting(html, "es")
    assert icon_in(html, r'<section class="cross-cutting".*?</h3>') == ["waypoints"]


def test_the_printed_booklet_reads_the_landslides_once_with_their_five_dimensions(
    public_booklet,
):
    text = public_booklet("sanchez-taboada", "en", "a4").text
    block = squash("Cross-cutting issues") + r".*?" + squash(LANDSLIDES["en"])
    found = re.search(block + squash("Touches 5 dimensions:") + r"(.{0,400})", text)
    assert found, "no block of cross-cutting issues with the landslides"
    assert all(squash(name) in found[1] for name in FIVE["en"])
    assert text.count(squash(LANDSLIDES["en"])) == 1


def test_every_icon_is_a_collected_static_file_and_every_demo_dimension_has_one():
    for name in ICON_NAMES:
        assert finders.find(f"{PREFIX}/{name}.svg"), name
        assert inline_svg(name).startswith(f'<svg class="icon icon-{name}"')
    assert set(ACTOR_ICONS) == set(Proposal.Actor.values)
    seed = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    choices = {name for name, _label in DIMENSION_ICONS}
    assert all(item["icon"] in choices for item in seed["dimensions"])
    assert not SecurityDimension.objects.filter(icon="").exists()
    # A name that is not one of the site's icons draws nothing, and reads no file.
    assert inline_svg("../../package") == ""


def test_a_fresh_install_draws_the_first_dimensions_with_the_demos_icons():
    migration = importlib.import_module("communities.migrations.0005_dimensions_have_icons")
    seed = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    assert {item["slug"]: item["icon"] for item in seed["dimensions"]} == migration.FIRST_ICONS


def test_the_dimensions_an_issue_also_touches_carry_their_icons(client):
    issue = Issue.objects.get(title_en="Aggressions, assaults and robberies")
    issue.related_dimensions.set([SecurityDimension.objects.get(slug="youths")])
    new_generation()
    html = client.get(f"/agendas/{issue.agenda.slug}/", headers=EN).content.decode()
    (related,) = re.findall(r'<div class="related-dimensions">.*?</div>', html, re.S)
    assert "Also touches:" in related and "Youths" in related
    assert icon_in(related, r'<span class="dim-badge dim-youths">.*?</span>') == ["graduation-cap"]
