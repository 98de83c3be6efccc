"""Keeping a many-to-many link's rule on every route: the services check a
link before they write it, and a guard made here checks it again for what
bypasses them (the shell, a script, `.add()` from either side of the link).
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed


def guard_link(
    through: type[Model],
    check: Callable[[Any, Iterable[Any]], None],
    owners: Callable[[], QuerySet[Any]],
    targets: Callable[[], QuerySet[Any]],
) -> None:
    """Before links are added to the many-to-many table `through`, run
    `check(owner, linked)`, which raises ValidationError to refuse them.
    `owners` and `targets` give the querysets (with what the rule reads) of
    the side that holds the field and of the side it links to."""

    def refuse(
        sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **_: Any
    ) -> None:
        if action != "pre_add" or not pk_set:
            return
        if reverse:  # target.owners.add(owner, …)
            for owner in owners().filter(pk__in=pk_set):
                check(owner, [instance])
        else:
            check(instance, targets().filter(pk__in=pk_set))

    m2m_changed.connect(
        refuse, sender=through, weak=False, dispatch_uid=f"guard:{through._meta.label}"
    )
