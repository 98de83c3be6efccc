"""Which vote figures may be published: the small-group rule, in one place.

A figure about fewer than `SMALLEST_GROUP` voters tells anyone who knows who
took part how those few voted (or which group they said they belong to). So
no figure published anywhere — the results page, the comparison page, open
data, the API, the agenda page, its versions and booklets — may stand for
fewer than that many voters, and neither may anything worked out from the
published figures by adding and subtracting them: a total minus the groups
shown, one filter of the comparison page minus another, or the same vote
looked at before and after one more ballot. The rules hold for every reader,
the agenda's team, researchers and admins included: a figure is copied on,
and the team knows who was in the room.

The rules:

1. An online vote publishes its totals (points per issue, shares, groups)
   only once it is closed. While it is open, each new or replaced ballot
   would show as the difference between two looks at the page; only the
   number of ballots cast is shown, which says who took part (as turnout
   does), not how. A closed vote accepts no ballot, so its totals never
   change: there is only one version of them to compare.
2. A closed vote with fewer than `SMALLEST_GROUP` ballots publishes the
   number of ballots and nothing else.
3. A closed vote's breakdown by participant group shows a group only if,
   sorting the vote's voters into boxes by exactly which of the shown
   groups they said they belong to (women who are also youths, women who
   are not, neither…), every box that holds anyone holds at least
   `SMALLEST_GROUP` voters. Every shown figure is a sum over whole boxes,
   and so is whatever is computed from them, so nothing can single out
   fewer voters. The voters of the groups not shown are counted together
   as "other groups" when that row keeps the boxes large enough too. A
   group large enough on its own may therefore still be withheld, because
   of what it would leave over (complementary suppression).
4. Paper tallies: a flip chart's dots are placed in the open, in front of
   the room, and are nobody's in particular; but a chart with a handful of
   voters, typed into the site beside its workshop's date and attendance,
   tells how those few voted. A chart with fewer than `SMALLEST_GROUP`
   voters is left out of every published figure (its agenda's dots, paper
   voters and shares); every published paper figure is then a sum of whole
   charts of at least that many voters, whichever charts a filter or a
   later chart adds. The team still sees each chart in the workspace where
   it is typed in.
5. Attendance: a workshop publishes its people present (each counted once)
   and, per participant group, how many of them belong to it. A group of
   fewer than `SMALLEST_GROUP` people at a workshop is not published, and
   neither is anything that would give it away: groups may not overlap (men
   and women), so the people present minus any of the groups shown must not
   come to between 1 and `SMALLEST_GROUP` − 1 people while a group is
   withheld; shown groups are withheld, smallest first, until it cannot.
   Every published count of a group over several workshops (a
   neighbourhood, a period) is a sum of the workshops' published counts,
   so it says nothing more than they do. The team still sees every count in
   the workspace where it is typed in.

The functions take plain numbers and sets, so that every output (and the
tests) asks the same questions.
"""

from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence, Set
from typing import TypeVar

from django.db.models import Q

SMALLEST_GROUP = 5


def round_totals_shown(*, closed: bool, ballots: int) -> bool:
    """Rules 1 and 2: whether a vote's totals may be published."""
    return closed and ballots >= SMALLEST_GROUP


def counted_tallies(prefix: str = "") -> Q:
    """Rule 4: Q for the paper tallies (flip charts) counted in published
    figures; `prefix` reaches them from another model (e.g. "tally__")."""
    return Q(**{f"{prefix}voters__gte": SMALLEST_GROUP})


def boxes(memberships: Iterable[Set[Hashable]], sets: Sequence[Set[Hashable]]) -> Counter:
    """How many voters fall in each box: `memberships` holds the groups of
    each voter (one set per ballot), `sets` the shown sets of groups (a voter
    is in a set if in any of its groups)."""
    return Counter(tuple(bool(groups & shown) for shown in sets) for groups in memberships)


def boxes_are_large(memberships: Collection[Set[Hashable]], sets: Sequence[Set[Hashable]]) -> bool:
    return all(count >= SMALLEST_GROUP for count in boxes(memberships, sets).values())


OTHER = "other"


def groups_to_show(
    memberships: Collection[Set[Hashable]], order: Iterable[Hashable] = ()
) -> list[Hashable]:
    """Rule 3. `memberships`: the groups each voter of a closed vote with
    enough ballots said they belong to (one set of group ids per ballot,
    empty for none). Returns the ids of the groups shown on their own, and
    OTHER last if the "other groups" row is shown too.

    Groups are tried largest first (then in `order`), each kept only if the
    boxes stay large enough with it."""
    if not boxes_are_large(memberships, []):
        return []
    voters = Counter(group for groups in memberships for group in groups)
    rank = {group: n for n, group in enumerate(order)}
    shown: list[Hashable] = []
    for group in sorted(voters, key=lambda g: (-voters[g], rank.get(g, len(rank)), str(g))):
        if voters[group] < SMALLEST_GROUP:
            continue
        if boxes_are_large(memberships, [{g} for g in shown + [group]]):
            shown.append(group)
    rest = set(voters) - set(shown)
    if rest and boxes_are_large(memberships, [{g} for g in shown] + [rest]):
        return [*shown, OTHER]
    return shown


def _gives_away(people_present: int, shown: Sequence[int]) -> bool:
    """Whether the people present minus some of the shown counts comes to a
    small number of people (rule 5). The sums of every choice of shown
    counts are built up one count at a time, keeping only those below the
    people present: however many groups, at most that many sums."""
    sums = {0}
    for count in shown:
        sums |= {total + count for total in sums if total + count < people_present}
    return any(0 < people_present - total < SMALLEST_GROUP for total in sums)


Group = TypeVar("Group", bound=Hashable)


def attendance_shown(people_present: int | None, counts: Mapping[Group, int]) -> set[Group]:
    """Rule 5. `counts`: how many of a workshop's people belong to each
    group counted there. Returns the groups whose count may be published."""
    small = {group for group, count in counts.items() if 0 < count < SMALLEST_GROUP}
    shown = sorted(
        (group for group in counts if group not in small),
        key=lambda group: (counts[group], str(group)),
    )
    if small and people_present is not None:
        while shown and _gives_away(people_present, [counts[group] for group in shown]):
            shown.pop(0)
    return set(shown)
