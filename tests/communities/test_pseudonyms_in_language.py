"""A resident's pseudonym is stored in no language ("resident-…") and
shown in the reader's: "habitante-…" on Spanish pages, "resident-…" on
English ones, with nothing else of the account."""

import pytest
from django.test import Client
from django.utils import translation

from core import pseudonyms
from history import reasons
from tests.helpers import EN, ES
from tests.voting import resident_with_code

pytestmark = pytest.mark.django_db


def test_a_new_residents_pseudonym_is_stored_without_language():
    resident = resident_with_code()
    assert resident.get_username().startswith("resident-")


@pytest.mark.parametrize(("headers", "word"), [(ES, "habitante"), (EN, "resident")])
def test_a_resident_reads_their_pseudonym_in_their_language(headers, word):
    resident = resident_with_code()
    letters = resident.get_username().removeprefix("resident-")
    client = Client()
    client.force_login(resident)

    body = client.get("/", headers=headers).content.decode()

    assert f"{word}-{letters}" in body
    if word != "resident":
        assert f"resident-{letters}" not in body


def test_the_history_credits_a_suggestion_to_the_pseudonym_in_the_readers_language():
    stored = reasons.suggested_by("resident-k3x9p2m7qa")
    with translation.override("es"):
        assert str(reasons.shown(stored)) == "Sugerido por habitante-k3x9p2m7qa"
    with translation.override("en"):
        assert str(reasons.shown(stored)) == "Suggested by resident-k3x9p2m7qa"


def test_other_names_are_shown_as_they_are():
    with translation.override("es"):
        assert pseudonyms.shown("facilitator-lazaro-cardenas") == "facilitator-lazaro-cardenas"
        assert pseudonyms.shown("Ana resident-x") == "Ana resident-x"
