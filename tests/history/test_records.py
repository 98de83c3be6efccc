"""What the history records (history.tracked, history.signals): every
language of each tracked text, never a public id, and one time for all the
records one request writes, so that a page shows one edit as one change.
What the history pages make of the records: test_history_pages.py."""

import pytest
from modeltranslation.translator import NotRegistered, translator

from agendas.models import Issue
from communities.models import SecurityDimension
from core.text import LANGUAGE_CODES
from history.tracked import TRACKED, historical_models
from tests.workspace.forms import issue_as_it_stands

pytestmark = pytest.mark.django_db


def tracked_models():
    return [historical.instance_type for historical in historical_models()]


def field_names(model):
    return {field.name for field in model._meta.fields}


@pytest.mark.parametrize("label", sorted(TRACKED))
def test_the_history_keeps_every_language_of_each_translated_field(label):
    (model,) = [m for m in tracked_models() if m._meta.label == label]
    try:
        translated = translator.get_options_for_model(model).get_field_names()
    except NotRegistered:
        translated = []
    recorded = field_names(model.history.model)
    for name in translated:
        assert {f"{name}_{code}" for code in LANGUAGE_CODES} <= recorded, name


def test_a_public_id_is_never_recorded():
    with_public_ids = [m for m in tracked_models() if "public_id" in field_names(m)]
    assert with_public_ids
    for model in with_public_ids:
        assert "public_id" not in field_names(model.history.model), model._meta.label


def test_every_record_one_request_writes_carries_its_time(client_for):
    issue = Issue.objects.filter(agenda__slug="lazaro-cardenas").order_by("pk").first()
    dimensions = SecurityDimension.objects.exclude(pk=issue.dimension_id).order_by("pk")[:2]
    before = issue.history.count()
    response = client_for("facilitator").post(
        f"/workspace/issues/{issue.pk}/edit/",
        issue_as_it_stands(
            issue,
            title_en=f"{issue.title_en} (edited)",
            related_dimensions=[d.pk for d in dimensions],
        ),
    )
    assert response.status_code == 302
    written = list(issue.history.order_by("history_id")[before:])
    assert len(written) >= 2  # the row, then its related dimensions
    assert {record.history_date for record in written} == {written[0].history_date}
