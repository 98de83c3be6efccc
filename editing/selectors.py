"""What a resident reads of what came of their own suggestions and comments:
each with its outcome and its dates. Only their own (found by author, never
by anything a page sends), in a fixed number of queries however many they
wrote.

What they wrote is theirs and always shown; the item it was written on is
named only while they may still see it (as on their "My data" page: an issue
restricted since is "an item you can no longer see"). Who decided or hid,
and why a comment was hidden, are the team's own notes and stay with the
team; why a suggestion was declined is written for the resident (the review
page says so) and is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.text import in_language
from items.registry import KINDS

from .models import SUGGESTED_ON, Comment, Suggestion

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from communities.models import User

COMMENTED_ON = ("issue", "proposal")


@dataclass
class Own:
    """A suggestion or a comment of the reader's, and the item it is on
    (None when they may no longer see it)."""

    written: Suggestion | Comment
    kind: str  # the item's kind, as items.registry names it
    item: Any | None

    @property
    def kind_label(self) -> Promise:
        return KINDS[self.kind].labels["history"]

    @property
    def title_field(self) -> str:
        return KINDS[self.kind].title_field

    @property
    def field_label(self) -> str:
        """Which text a suggestion is on, as the suggestion form named it:
        "Title in English"."""
        base, _sep, code = getattr(self.written, "field", "").rpartition("_")
        if not base:
            return ""
        model = KINDS[self.kind].model
        return in_language(getattr(model._meta.get_field(base), "verbose_name", base), code)


def _seen(user: User, written: list[Any], kinds: tuple[str, ...]) -> dict[str, set[int]]:
    """The ids of the items, among those `written` is on, that `user` may
    see: one query per kind of item written on."""
    seen: dict[str, set[int]] = {}
    for kind in kinds:
        ids = {getattr(w, f"{kind}_id") for w in written} - {None}
        seen[kind] = (
            set(
                KINDS[kind]
                .model.objects.visible_to(user)  # type: ignore[attr-defined]
                .filter(pk__in=ids)
                .values_list("pk", flat=True)
            )
            if ids
            else set()
        )
    return seen


def _own(written: list[Any], seen: dict[str, set[int]], kinds: tuple[str, ...]) -> list[Own]:
    shown = []
    for w in written:
        kind = next(k for k in kinds if getattr(w, f"{k}_id"))
        item = getattr(w, kind)
        shown.append(Own(w, kind, item if item.pk in seen[kind] else None))
    return shown


def own_suggestions(user: User) -> list[Own]:
    """The user's suggestions, latest first."""
    written = list(
        Suggestion.objects.filter(author=user)
        .select_related(*SUGGESTED_ON)
        .order_by("-created_at", "-pk")
    )
    return _own(written, _seen(user, written, SUGGESTED_ON), SUGGESTED_ON)


def own_comments(user: User) -> list[Own]:
    """The user's comments, latest first."""
    written = list(
        Comment.objects.filter(author=user)
        .select_related(*COMMENTED_ON)
        .order_by("-created_at", "-pk")
    )
    return _own(written, _seen(user, written, COMMENTED_ON), COMMENTED_ON)
