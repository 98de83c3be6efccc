"""{{ user.get_username|pseudonym }}: a resident's pseudonym in the reader's
language (core.pseudonyms); any other name as it is."""

from django import template

from core import pseudonyms

register = template.Library()


@register.filter
def pseudonym(username: object) -> str:
    return pseudonyms.shown(str(username)) if username else ""
