"""Text as people read it: the reader's language (or a visible fallback) and
Markdown turned into HTML that can hold no script, style or event handler.

Pages and printed booklets both go through these functions.
"""

import functools
import html
import threading
from dataclasses import dataclass
from typing import Any

import markdown
import nh3
from django.conf import settings
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
    "h3", "h4", "h5", "h6", "a", "code", "pre", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# How a page's `lang` names each language: the site's Spanish is Mexico's.
HTML_LANG = {"es": "es-MX"}
# "Title in Spanish": how a per-language field is named to people.
IN_LANGUAGE = {"es": _("%(field)s in Spanish"), "en": _("%(field)s in English")}


def html_lang(code: str) -> str:
    return HTML_LANG.get(code, code)


def in_language(label: str | Promise, code: str) -> str:
    return IN_LANGUAGE[code] % {"field": str(label).capitalize()}


@dataclass(frozen=True)
class Localized:
    text: str
    language: str  # the language the text is actually in
    fallback: bool  # True when the reader's language had no text

    def __str__(self) -> str:
        return self.text


def reader_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def localized(obj: Any, field: str) -> Localized:
    """The field in the reader's language, or in the other one, saying so."""
    wanted = reader_language()
    text = getattr(obj, f"{field}_{wanted}", None) or ""
    if text:
        return Localized(text, wanted, False)
    for code in LANGUAGE_CODES:
        other = getattr(obj, f"{field}_{code}", None) or ""
        if code != wanted and other:
            return Localized(other, code, True)
    return Localized("", wanted, False)


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis (chart labels)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain_text(markdown_text: str) -> str:
    """Markdown as plain words, for lists, labels and summaries."""
    # strip_tags leaves entities (&amp;); unescape so autoescaping shows them once.
    return html.unescape(strip_tags(render_markdown(markdown_text))).strip()


def render_markdown(text: str, **replacements: object) -> SafeString:
    """Markdown to sanitised HTML. `{name}` tokens are replaced by the given
    values (for instance {participants}, counted from the workshops)."""
    for name, value in replacements.items():
        text = text.replace("{" + name + "}", str(value))
    if len(text) > KEPT_TEXT_LENGTH:
        return _sanitised_html(text)
    return _kept_sanitised_html(text)


def render_markdown_lines(text: str) -> SafeString:
    """Markdown to sanitised HTML, each line break kept: lists of names, one a
    line, as people type credits."""
    return _sanitised_html(text, lines=True)


def _sanitised_html(text: str, *, lines: bool = False) -> SafeString:
    html = _converter(lines).reset().convert(text)
    return mark_safe(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer nofollow",
        )
    )


# The same text always gives the same HTML, and an agenda's texts are read
# again by each of its pages and booklets: the HTML of the latest texts read
# is kept (the short ones: at most some 40 MB however long the texts, a few
# MB for real agendas), so that a booklet's render spends its time on the
# PDF, not on its Markdown again.
KEPT_TEXT_LENGTH = 10_000
_kept_sanitised_html = functools.lru_cache(maxsize=2048)(_sanitised_html)
_converters = threading.local()


def _converter(lines: bool = False) -> markdown.Markdown:
    """This thread's Markdown converter (the one keeping line breaks for
    `lines`): building one costs as much as converting a paragraph, and one
    converter serves one text at a time."""
    name = "lines" if lines else "markdown"
    if not hasattr(_converters, name):
        extensions = ["sane_lists", "nl2br"] if lines else ["sane_lists"]
        setattr(_converters, name, markdown.Markdown(extensions=extensions, output_format="html"))
    return getattr(_converters, name)
