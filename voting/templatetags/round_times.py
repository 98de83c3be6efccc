"""A round's opening and closing times in its neighbourhood's time zone
(voting.times), wherever a page shows them."""

from django import template

from voting import times

register = template.Library()


@register.simple_tag
def round_time(round, moment):
    """`moment` (one of `round`'s times) on its neighbourhood's clocks."""
    if moment is None:
        return ""
    return times.shown_in(moment, times.zone_of(round.agenda))
