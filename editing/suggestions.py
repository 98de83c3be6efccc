"""Making, accepting and declining suggestions (rules shared by the pages
and the tests)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.rules import agenda_in_consultation, is_resident_of
from history import reasons
from items.registry import KINDS

from .concurrency import EditConflict
from .models import Comment, Suggestion, Support


def fields_of(kind):
    """The texts one may suggest on, as model field names ("title_es"…)."""
    return KINDS[kind].suggestible_fields


def may_suggest(user, kind, target):
    """Residents of the agenda's neighbourhood, while it is in consultation,
    on texts they may see (a restricted issue is not theirs to see)."""
    return (
        agenda_in_consultation(user, target)
        and is_resident_of(user, target)
        and user.has_perm(KINDS[kind].view_perm, target)
    )


def suggest(user, kind, target, field, wording, reason):
    if not may_suggest(user, kind, target):
        raise PermissionDenied
    if field not in fields_of(kind):
        raise ValidationError(_("Choose one of the texts offered."))
    current = getattr(target, field) or ""
    wording, reason = wording.strip(), reason.strip()
    if not wording:
        raise ValidationError(_("Write the wording you suggest."))
    if wording == current.strip():
        raise ValidationError(_("This is the text as it stands: change something to suggest it."))
    if not reason:
        raise ValidationError(_("Say in a few words why."))
    return Suggestion.objects.create(
        agenda_id=target.agenda_id,
        **{kind: target},
        field=field,
        original=current,
        wording=wording,
        reason=reason[:500],
        author=user,
    )


def _decide(suggestion, by, status, **fields):
    """Lock the suggestion, check it is still waiting and `by` may decide."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if not by.has_perm(KINDS[locked.kind].change_perm, locked.target):
        raise PermissionDenied
    if locked.status != Suggestion.Status.PENDING:
        raise ValidationError(_("This suggestion was already decided."))
    locked.status = status
    locked.decided_by = by
    locked.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    return locked


def accept(suggestion, by, revision):
    """Put the suggested wording in the text, if the text is still at the
    revision the facilitator reviewed (else EditConflict: nothing changes).
    The history credits the suggester by their pseudonym."""
    with transaction.atomic():
        decided = _decide(suggestion, by, Suggestion.Status.ACCEPTED)
        model = KINDS[decided.kind].model
        target = model.objects.select_for_update().get(pk=decided.target.pk)
        if target.revision != revision:
            raise EditConflict(target)
        setattr(target, decided.field, decided.wording)
        target.revision += 1
        # Kept without language; the history page says it in the reader's.
        target._change_reason = reasons.suggested_by(decided.author.get_username())
        target.save()
    return decided


def decline(suggestion, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why it is declined: the resident will read it."))
    with transaction.atomic():
        return _decide(suggestion, by, Suggestion.Status.DECLINED, decline_reason=reason[:500])


# --- supporting proposals and commenting -------------------------------------------


def support(user, proposal):
    """Support a proposal once; returns False (changing nothing) if this
    person already did, even when two requests race."""
    if not may_suggest(user, "proposal", proposal):
        raise PermissionDenied
    try:
        with transaction.atomic():
            Support.objects.create(proposal=proposal, user=user)
    except IntegrityError:
        return False
    return True


def may_comment(user, kind, target):
    """Residents during consultation, and the agenda's team, on what they may see."""
    return may_suggest(user, kind, target) or (
        user.has_perm(KINDS[kind].change_perm, target)
        and user.has_perm(KINDS[kind].view_perm, target)
    )


def comment(user, kind, target, text):
    if kind not in ("issue", "proposal") or not may_comment(user, kind, target):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write your comment."))
    if len(text) > 2000:
        raise ValidationError(_("A comment holds at most 2000 characters."))
    return Comment.objects.create(
        agenda_id=target.agenda_id, **{kind: target}, author=user, text=text
    )


def hide(comment_, by, reason):
    """Hide a comment from everyone but the team; it is kept, with who hid it and why."""
    kind = "issue" if comment_.issue_id else "proposal"
    target = comment_.issue or comment_.proposal
    if not by.has_perm(KINDS[kind].change_perm, target):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why it is hidden."))
    return bool(
        Comment.objects.filter(pk=comment_.pk, hidden_at__isnull=True).update(
            hidden_at=timezone.now(), hidden_by=by, hidden_reason=reason[:500]
        )
    )
