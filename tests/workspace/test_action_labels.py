"""The actions beside a long item name it in a few words for screen readers;
shortening a text written only in the other language keeps its markup whole
(the language it is in, and the note saying so)."""

import re

import pytest

from proposals.models import Proposal
from tests.helpers import EN

pytestmark = pytest.mark.django_db

LONG_SPANISH = (
    "Instalar luminarias en las calles principales de la colonia y en sus andadores y callejones"
)


def balanced(page, tag):
    return len(re.findall(rf"<{tag}[\s>]", page)) == page.count(f"</{tag}>")


def test_a_long_text_in_the_other_language_keeps_the_page_whole(client_for):
    proposal = Proposal.objects.filter(agenda__slug="lazaro-cardenas").first()
    Proposal.objects.filter(pk=proposal.pk).update(text_es=LONG_SPANISH, text_en="")
    page = client_for("facilitator").get("/workspace/agendas/lazaro-cardenas/", headers=EN)
    html = page.content.decode()
    assert "Instalar luminarias en las calles principales" in html
    for tag in ("small", "span", "a", "li"):
        assert balanced(html, tag), tag
