"""An administrator draws a security dimension with one of the site's icons,
chosen among them as they look (each beside its name); a name that is not
one of them is refused and changes nothing."""

import re

import pytest
from django.urls import reverse

from communities.models import SecurityDimension
from core.icons import DIMENSION_ICONS
from tests.helpers import EN

pytestmark = pytest.mark.django_db


def dimension_data(**changes):
    return {"name_es": "Seguridad digital", "order": 10, "palette": "#283593", **changes}


def test_each_icon_to_choose_is_drawn_beside_its_name(admin):
    trees = SecurityDimension.objects.get(slug="environmental")
    page = admin.get(reverse("setup-dimension-edit", args=[trees.pk]), headers=EN)
    html = page.content.decode()
    for name, label in DIMENSION_ICONS:
        drawn = rf'<svg class="icon icon-{name}"[^>]*>.*?</svg>{label}</label>'
        assert re.search(rf'value="{name}"( checked)?>\s*<label[^>]*>{drawn}', html, re.S), name
    assert re.search(r'value="trees" checked>', html)


def test_the_chosen_icon_is_kept_and_a_made_up_one_refused(admin):
    response = admin.post(reverse("setup-dimension-create"), dimension_data(icon="leaf"))
    assert response.status_code == 302
    assert SecurityDimension.objects.get(slug="seguridad-digital").icon == "leaf"
    refused = admin.post(
        reverse("setup-dimension-create"), dimension_data(name_es="Otra", icon="../../x")
    )
    assert refused.status_code == 400
    assert not SecurityDimension.objects.filter(slug="otra").exists()
