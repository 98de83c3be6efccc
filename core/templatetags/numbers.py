"""Numbers as the reader's language writes them: a percentage is "25.6%" in
English and "25.6 %" in the Spanish of Mexico (the number's separators come
from the language's formats, config/formats)."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def percent(value: object, places: int | str = 1) -> str:
    """`value` (a number from 0 to 100) with `places` decimals and the sign
    where the reader's language puts it."""
    try:
        number = number_format(float(value), int(places), use_l10n=True)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    # Translators: a percentage; Spanish (Mexico) puts a no-break space before the sign.
    return _("%(number)s%%") % {"number": number}
