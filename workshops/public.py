"""What of a workshop may be published: its date, title and numbers.

A meeting place in these neighbourhoods can endanger the people who met
there, so a workshop's place, method, notes and facilitators are never
published. Every public output (the public edition of a booklet, open data,
the API) reads workshops through this projection, which does not even load
those columns: a template or a serializer cannot show what it never got.
Only the workspace, the admin and a booklet's internal edition read whole
workshops, for those who may see them (`access.rules`).

A workshop's counts by group are published through `published_attendance`,
which withholds what the rules of disclosure say (`access.disclosure`).
"""

from dataclasses import dataclass, fields
from datetime import date

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce

from access import disclosure

from .models import Attendance


@dataclass(frozen=True)
class PublishedWorkshop:
    # The random public id, never the database's counted one (core.public_ids).
    public_id: str
    neighbourhood_slug: str
    date: date | None
    title_es: str
    title_en: str
    participants: int  # its people present, each counted once (0 if not counted)
    first_timers: int | None  # of them, those who came for the first time (None if not counted)


PUBLISHED_COLUMNS = tuple(field.name for field in fields(PublishedWorkshop))


def published_rows(workshops):
    """These workshops as rows of PUBLISHED_COLUMNS only (a queryset of dicts,
    which can still be filtered, ordered and paginated)."""
    return workshops.annotate(
        neighbourhood_slug=F("neighbourhood__slug"),
        participants=Coalesce("people_present", 0),
    ).values(*PUBLISHED_COLUMNS)


def published_workshops(workshops):
    """These workshops as PublishedWorkshop objects, for templates."""
    return [PublishedWorkshop(**row) for row in published_rows(workshops)]


def published_attendance(attendance: QuerySet[Attendance]) -> QuerySet[Attendance]:
    """These attendance counts less those the rules of disclosure withhold
    (access.disclosure, rule 5: a small group at a workshop, and what would
    give it away). Still a queryset; one query to find what to withhold."""
    by_workshop: dict[int, dict[int, tuple[int, int]]] = {}
    present: dict[int, int | None] = {}
    for pk, workshop_id, group_id, count, people_present in attendance.values_list(
        "pk", "workshop_id", "group_id", "count", "workshop__people_present"
    ).order_by():
        by_workshop.setdefault(workshop_id, {})[group_id] = (pk, count)
        present[workshop_id] = people_present
    withheld = []
    for workshop_id, rows in by_workshop.items():
        counts = {group_id: count for group_id, (_pk, count) in rows.items()}
        shown = disclosure.attendance_shown(present[workshop_id], counts)
        withheld += [pk for group_id, (pk, _count) in rows.items() if group_id not in shown]
    return attendance.exclude(pk__in=withheld)
