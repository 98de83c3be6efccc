"""What of a workshop may be published: its date, title and numbers.

A meeting place in these neighbourhoods can endanger the people who met
there, so a workshop's place, method, notes and facilitators are never
published. Every public output (the public edition of a booklet, open data,
the API) reads workshops through this projection, which does not even load
those columns: a template or a serializer cannot show what it never got.
Only the workspace, the admin and a booklet's internal edition read whole
workshops, for those who may see them (`access.rules`).
"""

from dataclasses import dataclass, fields
from datetime import date

from django.db.models import F
from django.db.models.functions import Coalesce


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
