"""Reading the one object a page is about: the fetch-and-check every view uses.

An object the person may not see answers 404, exactly as one that does not
exist, so that its existence does not leak (the address of a restricted
issue, of an agenda still in draft); one they may see but not act on answers
403. The object is looked up only among those of its model's `visible_to`,
the queryset twin of its view rule (access.rules), so that no page can ask
for it while forgetting to ask whether it may be seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

if TYPE_CHECKING:
    from .types import RequestUser


def get_visible_or_404(
    user: RequestUser,
    queryset: type[Model] | QuerySet[Any],
    /,
    *,
    via: str | None = None,
    **lookup: Any,
) -> Model:
    """The object `lookup` names among those `user` may see, else 404.

    `queryset` is a model, or a queryset of it (to select related rows),
    whose manager has `visible_to`. A thing seen wherever its agenda is
    seen (a voting round) names that relation as `via`: its own model then
    needs no `visible_to`."""
    if isinstance(queryset, type) and issubclass(queryset, Model):
        queryset = queryset._default_manager.all()
    # visible_to is each model's own queryset method, unknown to Django's types.
    items: Any = queryset
    if user.is_active and user.is_superuser:
        # An admin sees everything (every visible_to lets them), and has_perm
        # answers for them before any rule: reading their roles would cost a
        # query and change nothing.
        seen = items
    elif via is None:
        seen = items.visible_to(user)
    else:
        related = items.model._meta.get_field(via).related_model
        seen = items.filter(**{f"{via}__in": related._default_manager.visible_to(user)})
    return get_object_or_404(seen, **lookup)


def get_allowed_or_403(
    user: RequestUser,
    perm: str,
    queryset: type[Model] | QuerySet[Any],
    /,
    *,
    via: str | None = None,
    **lookup: Any,
) -> Model:
    """As get_visible_or_404, and then 403 unless `user` has `perm` on the
    object: the question of what they may do is asked only once it is known
    that they may see it."""
    obj = get_visible_or_404(user, queryset, via=via, **lookup)
    require(user, perm, obj)
    return obj


def require(user: RequestUser, perm: str, obj: Model | None = None) -> None:
    """403 unless `user` has `perm`, on `obj` when given: for what anyone
    may know exists (a neighbourhood) or what was already read."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied
