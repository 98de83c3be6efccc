"""Every saved state of a text, the difference between any two, and going
back to an old one — as a new revision, never by rewriting history."""

from django.db import transaction

from core.text import in_language
from history import reasons
from items.registry import KINDS

from .concurrency import EditConflict
from .diff import word_diff


def records(target):
    return target.history.select_related("history_user").order_by("-history_date", "-history_id")


def text_states(kind, target):
    """The saved states of an item's texts, newest first. A save that
    changed none of them (a move in its list, a new visibility) is not a
    state of its text, and is left out."""
    saved = list(records(target))
    fields = KINDS[kind].text_fields

    def texts(record):
        return [getattr(record, field) or "" for field in fields]

    older = [*saved[1:], None]
    return [
        new
        for new, old in zip(saved, older, strict=True)
        if old is None or texts(new) != texts(old)
    ]


def label(kind, field):
    base, _sep, code = field.rpartition("_")
    return in_language(KINDS[kind].model._meta.get_field(base).verbose_name, code)


def compare(kind, older, newer):
    """[(label, pieces)] for each text that differs between two records."""
    result = []
    for field in KINDS[kind].text_fields:
        before, after = getattr(older, field) or "", getattr(newer, field) or ""
        if before != after:
            result.append((label(kind, field), word_diff(before, after)))
    return result


def restore(kind, target, record, revision):
    """Put the texts of `record` back, as the next revision of `target`, if
    it is still at `revision` (else EditConflict, nothing changes)."""
    with transaction.atomic():
        current = KINDS[kind].model.objects.select_for_update().get(pk=target.pk)
        if current.revision != revision:
            raise EditConflict(current)
        # Only words are restored (the kind's texts): visibility, dimensions
        # and links stay as they are now, so going back to an old text can
        # never make a restricted issue public.
        for field in KINDS[kind].text_fields:
            setattr(current, field, getattr(record, field))
        current.revision += 1
        current._change_reason = reasons.restored_from(record.history_id)
        current.save()
    return current
