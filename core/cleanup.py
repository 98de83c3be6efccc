"""The kinds of scheduled clean-up, as a register: an app that keeps
something only for a while says here how to clear it away (from its
AppConfig.ready), and the operations app runs every kind registered without
importing the apps on its floor or above."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Removal:
    """What one kind of clean-up removed (or, on a dry run, would remove):
    how many of each thing, and a line naming each one for an operator."""

    kind: str
    counts: dict[str, int] = field(default_factory=dict)
    items: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# A rule takes `now` (a datetime, or None for now) and `dry_run`, keywords only.
Rule = Callable[..., Removal]
_KINDS: dict[str, Rule] = {}


def register(kind: str, rule: Rule) -> None:
    _KINDS[kind] = rule


def kinds() -> dict[str, Rule]:
    """Every kind registered, by name, in the order the apps registered them."""
    return dict(_KINDS)
