"""`{% icon "leaf" %}`: one of the site's icons (core.icons) drawn inline.

The SVG is the collected static file, read once through the staticfiles
finders and kept: a page or a booklet draws it without another request (the
booklet's fetcher serves only static files, and refuses data: URLs). It is
hidden from assistive technology and sized by CSS (`.icon`), and takes the
colour of the text around it (`currentColor`)."""

import functools
import re
from pathlib import Path

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe

from core.icons import ICON_NAMES, PREFIX

register = template.Library()

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_OPENING = re.compile(r"<svg\b[^>]*>", re.S)
_SPACE = re.compile(r">\s+<")


@functools.cache
def inline_svg(name: str) -> SafeString:
    """The icon's SVG, ready to be written into HTML ("" for a name that is
    not one of the site's icons, or a file not found)."""
    if name not in ICON_NAMES:
        return mark_safe("")
    source = finders.find(f"{PREFIX}/{name}.svg")
    if not source:
        return mark_safe("")
    text = _COMMENT.sub("", Path(str(source)).read_text(encoding="utf-8")).strip()
    opening = (
        f'<svg class="icon icon-{name}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" '
        'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        'stroke-linejoin="round" aria-hidden="true" focusable="false">'
    )
    # Lucide's own attributes (fixed width and height, its classes) give way
    # to the site's: the size comes from the stylesheet.
    body = _SPACE.sub("><", _OPENING.sub(opening, text, count=1))
    return mark_safe(body)  # the site's own collected file, its name checked above


@register.simple_tag
def icon(name: object) -> SafeString:
    return inline_svg(str(name or ""))
