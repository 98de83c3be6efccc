"""The history owns the format of its change reasons: what editing and the
workspace write reads back the same, and reasons stored before keep
reading as they did."""

import pytest
from django.utils import translation

from history import reasons


@pytest.mark.parametrize(
    ("stored", "kind", "detail"),
    [
        (reasons.suggested_by("resident-7Q2K"), reasons.SUGGESTED, "resident-7Q2K"),
        (reasons.suggested_by(""), reasons.SUGGESTED, ""),
        (reasons.restored_from(42), reasons.RESTORED, "42"),
        (reasons.confirmed_public(), reasons.CONFIRMED_PUBLIC, ""),
        ("Imported from the 2017 workshop notes", "", "Imported from the 2017 workshop notes"),
        ("", "", ""),
    ],
)
def test_a_reason_reads_back_as_it_was_written(stored, kind, detail):
    assert reasons.parse(stored) == reasons.Reason(kind, detail)


def test_reasons_already_stored_keep_their_format():
    assert reasons.suggested_by("resident-7Q2K") == "suggested-by:resident-7Q2K"
    assert reasons.suggested_by("") == "suggested-by:"
    assert reasons.restored_from(42) == "restored-from:42"
    assert reasons.confirmed_public() == "confirmed-public"


@pytest.mark.parametrize(
    ("stored", "en", "es"),
    [
        (
            "suggested-by:resident-7Q2K",
            "Suggested by resident-7Q2K",
            "Sugerido por habitante-7Q2K",
        ),
        ("suggested-by:", "Suggested by a resident", "Sugerido por una persona de la colonia"),
        ("restored-from:42", "An earlier text restored", "Se restauró un texto anterior"),
        ("confirmed-public", "Made public after confirmation", "Hecho público tras confirmarlo"),
        ("A note typed in the shell", "A note typed in the shell", "A note typed in the shell"),
    ],
)
def test_a_stored_reason_is_said_in_the_readers_language(stored, en, es):
    for language, said in (("en", en), ("es", es)):
        with translation.override(language):
            assert str(reasons.shown(stored)) == said
