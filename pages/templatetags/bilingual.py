"""Template tags that show a bilingual field in the reader's language.

When only the other language has text, it is shown with a `lang` attribute
and a visible note, so a reader knows why it is not in their language.
"""

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext as _

from pages.text import localized, render_markdown

register = template.Library()

FALLBACK_NOTES = {
    # The note names the language the text is in, in the reader's language.
    "es": lambda: _("in Spanish"),
    "en": lambda: _("in English"),
}


def _note(value):
    if not value.fallback:
        return ""
    return format_html(
        ' <small class="fallback-note">({})</small>', FALLBACK_NOTES[value.language]()
    )


@register.simple_tag
def tr(obj, field):
    """Inline text: `{% tr issue "title" %}`."""
    value = localized(obj, field)
    if value.fallback:
        return format_html('<span lang="{}">{}</span>{}', value.language, value.text, _note(value))
    return value.text


@register.simple_tag
def tr_md(obj, field, participants=None):
    """A Markdown block: `{% tr_md section "body" participants=42 %}`."""
    value = localized(obj, field)
    replacements = {} if participants is None else {"participants": participants}
    html = render_markdown(value.text, **replacements)
    if value.fallback:
        return format_html('<div lang="{}">{}</div>{}', value.language, html, _note(value))
    return html


@register.filter
def has_text(obj, field):
    return bool(localized(obj, field).text)


@register.simple_tag
def tr_plain(obj, field):
    """Markdown text as plain words, for lists and summaries."""
    value = localized(obj, field)
    text = strip_tags(render_markdown(value.text)).strip()
    if value.fallback:
        return format_html('<span lang="{}">{}</span>{}', value.language, text, _note(value))
    return text
