"""Template tags that show a bilingual field in the reader's language.

When only the other language has text, it is shown with a `lang` attribute
and a visible note, so a reader knows why it is not in their language.
"""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import text
from core.text import Localized, localized, plain_text, render_markdown, render_markdown_lines

register = template.Library()

FALLBACK_NOTES = {
    # The note names the language the text is in, in the reader's language.
    "es": lambda: _("in Spanish"),
    "en": lambda: _("in English"),
}


def _marked(value: Localized, content: str, element: str = "span") -> str:
    """`content` as is, or, when it is in the other language, wrapped with
    its `lang` and followed by a note saying which language it is in."""
    if not value.fallback:
        return content
    return format_html(
        '<{0} lang="{1}">{2}</{0}> <small class="fallback-note">({3})</small>',
        element,
        value.language,
        content,
        FALLBACK_NOTES[value.language](),
    )


@register.simple_tag
def tr(obj: Any, field: str) -> str:
    """Inline text: `{% tr issue "title" %}`."""
    value = localized(obj, field)
    return _marked(value, value.text)


@register.simple_tag
def tr_md(obj: Any, field: str, participants: int | None = None) -> str:
    """A Markdown block: `{% tr_md section "body" participants=42 %}`."""
    value = localized(obj, field)
    replacements = {} if participants is None else {"participants": participants}
    return _marked(value, render_markdown(value.text, **replacements), element="div")


@register.simple_tag
def tr_md_lines(obj: Any, field: str) -> str:
    """A Markdown block whose line breaks are kept: credits, one name a line."""
    value = localized(obj, field)
    return _marked(value, render_markdown_lines(value.text), element="div")


@register.filter
def html_lang(code: str) -> str:
    """A language as a page's `lang` names it: `{{ LANGUAGE_CODE|html_lang }}`."""
    return text.html_lang(code)


@register.filter
def has_text(obj: Any, field: str) -> bool:
    return bool(localized(obj, field).text)


@register.simple_tag
def tr_plain(obj: Any, field: str) -> str:
    """Markdown text as plain words, for lists and summaries."""
    value = localized(obj, field)
    return _marked(value, plain_text(value.text))
