"""Numbers as the reader's language writes them: a percentage is "25.6%" in
English and "25.6 %" in the Spanish of Mexico (the number's separators come
from the language's formats, config/formats)."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(value: object, places: int | str = 1) -> str:
    """`value` (a number from 0 to 100) with `places` decimals and the sign
    where the reader's language puts it."""
    try:
        # Rounded half up first: number_format cuts a float's decimals, which
        # would show 42.857 as 42.8.
        step = Decimal(1).scaleb(-int(places))
        exact = Decimal(repr(float(value))).quantize(step, ROUND_HALF_UP)  # type: ignore[arg-type]
        number = number_format(exact, int(places), use_l10n=True)
    except (TypeError, ValueError, ArithmeticError):
        return ""
    # Translators: a percentage; Spanish (Mexico) puts a no-break space before the sign.
    return _("%(number)s%%") % {"number": number}
