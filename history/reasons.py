"""Why a change was made, as the history keeps it and as it says it.

A record's `history_change_reason` is a short string stored without
language (the history page says it in the reader's). The apps that make a
change build it with the functions here, and the history reads it back
here, so that the format has one owner. Records already stored keep this
format: changing a prefix would change how they read.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core import pseudonyms

from .tracked import historical_models

SUGGESTED = "suggested-by:"
RESTORED = "restored-from:"
CONFIRMED_PUBLIC = "confirmed-public"
COPIED = "copied-from:"


def suggested_by(username):
    """A suggestion accepted into the text, credited to its author's
    pseudonym; an empty one once they deleted their data."""
    return f"{SUGGESTED}{username}"


def restored_from(history_id):
    """An earlier text put back, from the record `history_id`."""
    return f"{RESTORED}{history_id}"


def confirmed_public():
    """A save that made an issue public after the person confirmed it
    (agendas.models.Issue.would_become_public)."""
    return CONFIRMED_PUBLIC


def copied_from(slug, number):
    """An item of a new cycle of an agenda, copied from the version `number`
    of the agenda `slug` (publication.cycles)."""
    return f"{COPIED}{slug} v{number}"


@dataclass(frozen=True)
class Reason:
    kind: str  # SUGGESTED, RESTORED, CONFIRMED_PUBLIC, COPIED, or "" for any other text
    detail: str = ""  # the pseudonym, the record restored, the version copied, or the other text


def parse(text):
    """The Reason a stored string says; any string reads as one."""
    text = text or ""
    for prefix in (SUGGESTED, RESTORED, COPIED):
        if text.startswith(prefix):
            return Reason(prefix, text[len(prefix) :])
    if text == CONFIRMED_PUBLIC:
        return Reason(CONFIRMED_PUBLIC)
    return Reason("", text)


def shown(text):
    """What the history page says of a stored reason, in the reader's language."""
    reason = parse(text)
    if reason.kind == SUGGESTED:
        if not reason.detail:  # the resident deleted their data (privacy.services)
            return _("Suggested by a resident")
        return _("Suggested by %(name)s") % {"name": pseudonyms.shown(reason.detail)}
    if reason.kind == RESTORED:
        return _("An earlier text restored")
    if reason.kind == CONFIRMED_PUBLIC:
        return _("Made public after confirmation")
    if reason.kind == COPIED:
        return _("Copied from %(version)s") % {"version": reason.detail}
    return reason.detail


def forget_suggester(username):
    """A resident deleted their data: the history keeps that their wordings
    were accepted, without their pseudonym."""
    for model in historical_models():
        model.objects.filter(history_change_reason=suggested_by(username)).update(
            history_change_reason=suggested_by("")
        )
