"""What every page's head says: a description for search engines and
link previews, in the reader's language; and htmx only where the page's
markup uses it (data-hx-*), so other pages do not download it."""

import re
from html.parser import HTMLParser

import pytest

from tests.pages_catalogue import LANGUAGES, prepare, read_every_page

pytestmark = pytest.mark.django_db

HTMX = "vendor/htmx/htmx"
HX_ATTRIBUTE = re.compile(r"^(data-)?hx-")


class Head(HTMLParser):
    """The descriptions in a page's head, its scripts, and whether any
    element has an htmx attribute."""

    def __init__(self, html):
        super().__init__()
        self.in_head, self.descriptions, self.scripts, self.uses_htmx = False, [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head and values.get("name") == "description":
            self.descriptions.append((values.get("content") or "").strip())
        elif tag == "script" and values.get("src"):
            self.scripts.append(values["src"])
        self.uses_htmx |= any(HX_ATTRIBUTE.match(name) for name in values)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def test_every_page_has_a_description_in_its_language():
    demo = prepare()
    missing, descriptions = [], {}
    for language in LANGUAGES:
        for page, url, response in read_every_page(demo, language):
            head = Head(response.content.decode())
            content = head.descriptions[0] if len(head.descriptions) == 1 else ""
            if not content:
                missing.append(f"{url} ({language})")
            descriptions.setdefault((page.name, language), content)
    assert missing == []
    # The public pages say what they are, each its own way, in each language.
    for name in ("home", "agenda-detail", "compare", "opendata-index", "privacy-notice", "redeem"):
        assert descriptions[name, "es"] != descriptions[name, "en"], name
        assert descriptions[name, "en"] != descriptions["login", "en"], name
    assert "Sánchez Taboada" in descriptions["agenda-detail", "en"]


def test_htmx_is_loaded_by_the_pages_that_use_it_and_no_other():
    demo = prepare()
    wrong, using, not_using = [], [], []
    for _page, url, response in read_every_page(demo, "es"):
        head = Head(response.content.decode())
        uses = head.uses_htmx
        loads = any(HTMX in src for src in head.scripts)
        (using if uses else not_using).append(url)
        if uses != loads:
            wrong.append(f"{url}: {'uses' if uses else 'does not use'} htmx, loads it: {loads}")
    assert wrong == []
    # Both kinds are there: the workspace's agenda and a booklet being made
    # use it; the home page does not.
    assert len(using) >= 3 and "/" in not_using
