"""The privacy notice (aviso de privacidad): the text in force, and the one
written by the data migration before any administrator changes it.

Mexican law (LFPDPPP) asks that people read, before they give any data,
what is kept, what for, who sees it and how to have it deleted; ethnic
origin is sensitive data and needs express consent (see residents.consent).
The default text is in pages/privacy_notice/; `{retention_days}` in it
stands for RESIDENT_RETENTION_DAYS, the days residents are kept after their
neighbourhood's cycle closed.
"""

import re
from pathlib import Path

from django.conf import settings
from django.utils.safestring import mark_safe

from core.text import localized, render_markdown

from .models import PrivacyNotice

DEFAULT_TITLE = {
    "es": "Aviso de privacidad",
    "en": "Privacy notice",
}

# An opening or closing heading tag of the sanitised HTML.
HEADING = re.compile(r"<(/?)h([1-6])\b")
# The default text, one Markdown file per language (pages/privacy_notice/).
NOTICE_DIR = Path(__file__).parent / "privacy_notice"
DEFAULT_BODY = {
    code: (NOTICE_DIR / f"{code}.md").read_text(encoding="utf-8") for code in DEFAULT_TITLE
}


def default_notice():
    """The notice as the data migration writes it (unsaved)."""
    return PrivacyNotice(
        version=1,
        **{f"title_{code}": text for code, text in DEFAULT_TITLE.items()},
        **{f"body_{code}": text for code, text in DEFAULT_BODY.items()},
    )


def current_notice():
    """The notice in force: the latest version, or the default text when the
    database holds none (a database emptied by hand or by a test)."""
    return PrivacyNotice.objects.order_by("-version").first() or default_notice()


def notice_html(notice, *, under=2):
    """The notice's text in the reader's language, as sanitised HTML. Its
    headings (written ###) are one level below the page's heading it sits
    under (`under`: 1 on the notice's own page, 2 on the join page), so no
    level is skipped."""
    value = localized(notice, "body")
    html = render_markdown(value.text, retention_days=settings.RESIDENT_RETENTION_DAYS)
    shift = under + 1 - 3
    if shift:
        html = mark_safe(
            HEADING.sub(lambda m: f"<{m[1]}h{min(6, max(1, int(m[2]) + shift))}", html)
        )
    return value, html
