"""A round's times are the neighbourhood's: a facilitator in Tijuana who
types "18:00" means six in the evening in Tijuana, and residents there read
the closing time on their own clocks. A national agenda has no
neighbourhood: it keeps the site's time zone (settings.TIME_ZONE)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from agendas.models import Agenda


def zone_of(agenda: Agenda) -> ZoneInfo:
    """The time zone a round of `agenda` is typed and read in (reads the
    neighbourhood: select it with the agenda)."""
    place = agenda.neighbourhood
    return ZoneInfo(place.time_zone if place is not None else settings.TIME_ZONE)


def zone_name(zone: ZoneInfo) -> str:
    """The zone as people can read it: its IANA name, spaced."""
    return str(zone.key).replace("_", " ")


def read_local(typed: datetime, zone: ZoneInfo) -> datetime:
    """The moment a clock time typed without a zone means in `zone`.
    At a daylight-saving change a clock time may not exist (the clocks jump
    over it) or may happen twice (they go back): the person is asked to
    choose another, rather than the site guessing which they meant."""
    naive = typed.replace(tzinfo=None)
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValidationError(
            _(
                "%(time)s does not exist in %(zone)s: the clocks jump forward over it that "
                "day. Choose a time an hour later or earlier."
            ),
            code="time_does_not_exist",
            params={"time": _clock(naive), "zone": zone_name(zone)},
        )
    if first.utcoffset() != second.utcoffset():
        raise ValidationError(
            _(
                "%(time)s happens twice in %(zone)s that day: the clocks go back an hour. "
                "Choose a time outside that hour."
            ),
            code="time_is_ambiguous",
            params={"time": _clock(naive), "zone": zone_name(zone)},
        )
    return first


def shown_in(moment: datetime, zone: ZoneInfo) -> SafeString:
    """A moment as the neighbourhood's clocks show it, naming their zone,
    in a <time> element that machines can read."""
    local = timezone.localtime(moment, zone)
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(timespec="minutes"),
        _("%(time)s (%(zone)s time)")
        % {"time": formats.date_format(local, "DATETIME_FORMAT"), "zone": zone_name(zone)},
    )


def _clock(naive: datetime) -> str:
    return formats.date_format(naive, "DATETIME_FORMAT")
