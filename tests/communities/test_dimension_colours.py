"""Dimension colours carry white text readably (WCAG 2.2 AA, 4.5:1)."""

import pytest

from communities.models import SecurityDimension

pytestmark = pytest.mark.django_db


def luminance(hex_colour):
    def channel(value):
        value = value / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_every_dimension_colour_contrasts_with_white_text():
    weak = {
        d.slug: round(1.05 / (luminance(d.colour) + 0.05), 2)
        for d in SecurityDimension.objects.all()
        if 1.05 / (luminance(d.colour) + 0.05) < 4.5
    }
    assert weak == {}
    assert SecurityDimension.objects.count() == 9


def test_dimension_colours_are_served_as_a_stylesheet(client):
    response = client.get("/dimensions.css")
    assert response["Content-Type"].startswith("text/css")
    for slug, colour in SecurityDimension.objects.values_list("slug", "colour"):
        assert f".dim-{slug}{{--dim-colour:{colour}}}" in response.content.decode()
