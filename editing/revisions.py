"""Every saved state of a text, the difference between any two, and going
back to an old one — as a new revision, never by rewriting history."""

from django.db import transaction

from core.text import in_language

from .concurrency import EditConflict
from .diff import word_diff
from .suggestions import MODELS

# Only words are restored: visibility, dimensions and links stay as they are
# now, so going back to an old text can never make a restricted issue public.
TEXT_FIELDS = {
    "section": ["heading_es", "heading_en", "body_es", "body_en"],
    "issue": ["title_es", "title_en", "description_es", "description_en"],
    "proposal": ["text_es", "text_en"],
}
RESTORED_FROM = "restored-from:"


def records(target):
    return target.history.select_related("history_user").order_by("-history_date", "-history_id")


def label(kind, field):
    base, _sep, code = field.rpartition("_")
    return in_language(MODELS[kind]._meta.get_field(base).verbose_name, code)


def compare(kind, older, newer):
    """[(label, pieces)] for each text that differs between two records."""
    result = []
    for field in TEXT_FIELDS[kind]:
        before, after = getattr(older, field) or "", getattr(newer, field) or ""
        if before != after:
            result.append((label(kind, field), word_diff(before, after)))
    return result


def restore(kind, target, record, revision):
    """Put the texts of `record` back, as the next revision of `target`, if
    it is still at `revision` (else EditConflict, nothing changes)."""
    with transaction.atomic():
        current = MODELS[kind].objects.select_for_update().get(pk=target.pk)
        if current.revision != revision:
            raise EditConflict(current)
        for field in TEXT_FIELDS[kind]:
            setattr(current, field, getattr(record, field))
        current.revision += 1
        current._change_reason = f"{RESTORED_FROM}{record.history_id}"
        current.save()
    return current
