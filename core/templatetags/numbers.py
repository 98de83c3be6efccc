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
        places = int(places)
        # Rounded half up, as floatformat does: number_format cuts the digits off.
        exact = Decimal(repr(float(value)))  # type: ignore[arg-type]
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except (TypeError, ValueError, ArithmeticError):
        return ""
    number = number_format(rounded, places, use_l10n=True)
    # Translators: a percentage; Spanish (Mexico) puts a no-break space before the sign.
    return _("%(number)s%%") % {"number": number}
