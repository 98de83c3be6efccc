"""Reading pages the way a person does: text without markup."""

import html
import re

INLINE_TAG = re.compile(r"</?(?:strong|em|b|i|a|code|small)(?:\s[^>]*)?>")
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def page_text(response):
    body = response.content.decode()
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = INLINE_TAG.sub("", body)
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", body))).strip()


def plain(markdown_text):
    """Markdown source -> the words a reader sees (one string per list item
    or paragraph)."""
    parts = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)", markdown_text):
        block = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", block.strip())
        block = block.replace("**", "")
        if block:
            parts.append(SPACE.sub(" ", block).strip())
    return parts


def get_in(client, url, language):
    return client.get(url, headers={"accept-language": language})
