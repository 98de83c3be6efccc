"""The registry of item kinds says once what co-editing needs to know of
each kind, and says it as the models and their translations do."""

import pytest

from editing.models import Suggestion
from items.registry import KINDS


@pytest.mark.parametrize("key", sorted(KINDS))
def test_a_kind_names_its_texts_as_its_translations_do(key):
    kind = KINDS[key]
    # The columns modeltranslation added to the model, one per text and language.
    translated = {
        field.name
        for field in kind.model._meta.concrete_fields
        if getattr(field, "translated_field", None) is not None
    }
    assert translated and set(kind.text_fields) == translated
    # What residents may suggest on is among the texts.
    assert set(kind.suggestible_fields) <= set(kind.text_fields)
    for perm in (kind.view_perm, kind.change_perm):
        app, codename = perm.split(".")
        assert app == kind.model._meta.app_label
        assert codename.endswith(kind.model._meta.model_name)


def test_every_kind_a_suggestion_can_be_made_on_is_registered():
    # A suggestion names its text by one foreign key per kind.
    linked = {
        field.name
        for field in Suggestion._meta.get_fields()
        if field.is_relation and field.related_model in {k.model for k in KINDS.values()}
    }
    assert linked == set(KINDS)
