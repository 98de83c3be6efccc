"""How long residents are kept: until RESIDENT_RETENTION_DAYS after their
neighbourhood's cycle closed.

A neighbourhood's cycle is closed when its local agenda is published (every
local agenda of it, if it has several); it closed when the last version was
published. Moving the agenda back to draft opens a new cycle, and nobody is
purged while it is open. A resident who joined after the cycle closed
belongs to the next one and is kept. Neighbourhoods whose work stopped
(Neighbourhood.Status.STOPPED) carry no date of closing, so their residents
are not purged by this rule.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q
from django.utils import timezone

from access.rules import own_data_holders_filter
from agendas.models import Agenda
from communities.models import Membership

from .services import delete_resident


def closed_cycles():
    """{neighbourhood id: when its cycle closed} for every closed cycle."""
    rows = (
        Agenda.objects.filter(scope=Agenda.Scope.LOCAL)
        # Unordered: ordered by slug, each agenda would be a group of its own,
        # and a neighbourhood's new cycle would not keep its cycle open.
        .order_by()
        .values("neighbourhood_id")
        .annotate(
            open=Count("pk", filter=~Q(status=Agenda.Status.PUBLISHED)),
            closed_at=Max("versions__published_at"),
        )
    )
    return {
        row["neighbourhood_id"]: row["closed_at"]
        for row in rows
        if not row["open"] and row["closed_at"] is not None
    }


@dataclass
class Expired:
    resident: object  # a User
    neighbourhoods: list  # [(neighbourhood, closed at)]


def residents_to_purge(*, days=None, now=None):
    """Residents whose every neighbourhood closed its cycle more than `days`
    ago, and who joined before it closed."""
    days = settings.RESIDENT_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    closed = {pk: at for pk, at in closed_cycles().items() if at <= cutoff}
    if not closed:
        return []
    memberships = {}
    for membership in Membership.objects.filter(
        role=Membership.Role.RESIDENT,
        user__in=get_user_model()
        .objects.filter(own_data_holders_filter(), memberships__neighbourhood_id__in=closed)
        .values("pk"),
    ).select_related("user", "neighbourhood"):
        memberships.setdefault(membership.user, []).append(membership)
    expired = []
    for user, theirs in memberships.items():
        if all(
            m.neighbourhood_id in closed and user.date_joined <= closed[m.neighbourhood_id]
            for m in theirs
        ):
            places = [(m.neighbourhood, closed[m.neighbourhood_id]) for m in theirs]
            expired.append(Expired(user, places))
    return sorted(expired, key=lambda e: e.resident.get_username())


def purge_residents(*, days=None, now=None, dry_run=False):
    """Delete the residents `residents_to_purge` names (or, on a dry run,
    only say who they are). Returns them."""
    expired = residents_to_purge(days=days, now=now)
    if not dry_run:
        for item in expired:
            delete_resident(item.resident)
    return expired
