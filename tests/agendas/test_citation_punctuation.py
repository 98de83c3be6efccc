"""An issue cited by several national points lists them as a sentence
would: a point ending with its full stop is not followed by a semicolon."""

import re

import pytest

from tests.helpers import EN

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["lazaro-cardenas", "sanchez-taboada", "nuevo-almaguer"])
def test_citations_carry_no_full_stop_before_a_semicolon(client, slug):
    html = client.get(f"/agendas/{slug}/", headers=EN).content.decode()
    notes = re.findall(r'<p class="cited-by[^"]*">(.*?)</p>', html, re.S)
    several = [note for note in notes if note.count("</a>") > 1]
    assert several  # the demo cites some issues more than once
    for note in several:
        text = re.sub(r"<[^>]+>", "", note)
        assert ".;" not in text
