"""The booklet as a publication: its cover says when the agenda's workshops
ran and which version it prints; its credits page names the team; its back
cover says how to cite it, where it stays online (with a QR code of that
address) and under which licence. The PDFs are the package's shared public
booklets (conftest.public_booklet): read, not rendered again."""

import re

import pytest
import segno
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.html import escape

from agendas.models import Agenda, Colophon, Issue
from booklets.rendering import booklet_html
from communities.models import SecurityDimension
from core.pdf import render_pdf
from tests.helpers import squash

from .pdf import AGENDAS, LANGUAGES, RESTRICTED_TITLE
from .test_safe_rendering import XSS, assert_harmless

pytestmark = pytest.mark.django_db

VERSION = {"en": "Version 1, published", "es": "Versión 1, publicada el"}
HOW_TO_CITE = {"en": "How to cite", "es": "Cómo citar"}
# The demo's agendas choose no licence (the summary names none): the default.
LICENCE = {"en": "All rights reserved", "es": "Todos los derechos reservados"}
TEAM = {"en": "Coordinating Team", "es": "Equipo coordinador"}
# Each local agenda prints its own city's team, not the others'.
CREDIT_TEXTS = ("publisher", "team", "institutions", "funders", "design", "acknowledgements")
CITY_TEAM = {
    "lazaro-cardenas": "Luz Paula Parra Rosales",
    "sanchez-taboada": "Nohora Constanza Niño Vega",
    "nuevo-almaguer": "Juan Salgado Ibarra",
}


def permanent_url(slug):
    return f"{settings.SITE_URL.rstrip('/')}/agendas/{slug}/v1/"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", AGENDAS)
def test_the_cover_shows_the_cycle_and_the_version(public_booklet, slug, language):
    cover = public_booklet(slug, language, "a4").pages[0]
    assert "2016–2018" in cover
    assert squash(VERSION[language]) in squash(cover)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", AGENDAS)
def test_the_back_cover_says_how_to_cite_it(public_booklet, slug, language):
    booklet = public_booklet(slug, language, "a4")
    back = squash(booklet.pages[-1])
    assert squash(HOW_TO_CITE[language]) in back
    assert squash(permanent_url(slug)) in back
    assert squash(LICENCE[language]) in back
    # The credits come just before it, with the team.
    credits = squash(booklet.pages[-2])
    assert squash(TEAM[language]) in credits
    for city, member in CITY_TEAM.items():
        if slug in (city, "national"):
            assert squash(member) in credits
        else:
            assert squash(member) not in credits


def test_the_cover_and_back_cover_on_letter_paper(public_booklet):
    booklet = public_booklet("sanchez-taboada", "es", "letter")
    assert "2016–2018" in booklet.pages[0]
    assert squash(HOW_TO_CITE["es"]) in squash(booklet.pages[-1])


def modules(svg):
    """The dark modules an SVG path drawn by segno's `svg_inline` paints, as
    a set of (row, column): read from the drawing, not asked of segno."""
    path = re.search(r'<path[^>]* d="([^"]+)"', svg)[1]
    dark, x, y = set(), 0.0, 0.0
    for command, numbers in re.findall(r"([Mmh])([-\d. ]+)", path):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            dark |= {(int(y), int(x) + i) for i in range(int(values[0]))}
            x += values[0]
    return dark


def test_the_qr_code_leads_to_the_permanent_address():
    agenda = Agenda.objects.get(slug="nuevo-almaguer")
    html = booklet_html(agenda, user=AnonymousUser(), edition="public", language="es", paper="a4")
    back_cover = html.split('<section class="back-cover">', 1)[1]
    svg = re.search(r"<svg.*?</svg>", back_cover, re.S)[0]
    expected = segno.make(permanent_url("nuevo-almaguer"), error="m")
    border = 4
    wanted = {
        (row + border, column + border)
        for row, line in enumerate(expected.matrix)
        for column, value in enumerate(line)
        if value
    }
    assert modules(svg) == wanted


def test_the_public_cover_shows_no_restricted_work(demo_users):
    """A restricted issue of a dimension no public issue has would colour
    the cover's band: the public edition leaves it out; the workshops'
    places never reach the cover."""
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    used = set(agenda.issues.values_list("dimension__slug", flat=True))
    hidden = SecurityDimension.objects.exclude(slug__in=used).order_by("order").first()
    Issue.objects.create(
        agenda=agenda,
        title_en="A restricted issue of its own dimension",
        dimension=hidden,
        kind=Issue.Kind.PRIORITISED,
        visibility=Issue.Visibility.RESTRICTED,
    )

    def cover(user, edition):
        html = booklet_html(agenda, user=user, edition=edition, language="en", paper="a4")
        return html.split('<section class="cover', 1)[1].split("</section>", 1)[0]

    public = cover(AnonymousUser(), "public")
    internal = cover(demo_users["facilitator"], "internal")
    assert f"dim-{hidden.slug}" not in public
    assert f"dim-{hidden.slug}" in internal
    assert "Neighbourhood Lázaro Cárdenas, Apatzingán" not in public  # the workshop's place
    assert RESTRICTED_TITLE["en"] not in public


def test_the_publishers_logo_is_printed_on_the_cover_when_set(settings):
    agenda = Agenda.objects.get(slug="national")

    def cover():
        html = booklet_html(
            agenda, user=AnonymousUser(), edition="public", language="en", paper="a4"
        )
        return html, html.split('<section class="cover', 1)[1].split("</section>", 1)[0]

    settings.PUBLISHER_LOGO = "favicon.svg"
    html, shown = cover()
    assert '<img class="cover-logo" src="/static/favicon.svg"' in shown
    assert render_pdf(html)  # the booklet's fetcher serves it
    # Not one of the site's images: no logo, rather than a booklet that fails.
    for name in ("missing.svg", "css/booklet.css", "https://example.org/logo.png"):
        settings.PUBLISHER_LOGO = name
        assert "<img" not in cover()[1], name


@pytest.mark.parametrize("text", XSS)
def test_typed_credits_come_out_harmless(text):
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    Colophon.objects.filter(agenda=agenda).update(
        **{f"{name}_{code}": text for name in CREDIT_TEXTS for code in ("es", "en")}
    )
    html = booklet_html(agenda, user=AnonymousUser(), edition="public", language="en", paper="a4")
    head, body = re.split(r"<body\b", html, maxsplit=1)
    assert_harmless(body)
    assert "<script" not in head.lower()
    # The publisher is printed as the words typed (on the cover, the credits
    # page and in the citation).
    assert body.count(escape(text)) >= 3
