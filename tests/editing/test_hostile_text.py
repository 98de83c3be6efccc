"""Hostile text typed into every editable field — through the forms, a
suggestion or a comment — comes out harmless on the agenda page, in a
published version, on the editing pages and in the HTML a booklet is
printed from."""

import re
from html.parser import HTMLParser

import pytest

from agendas.models import Agenda, Issue, Section
from booklets.rendering import booklet_html
from core.icons import ICON_NAMES
from core.templatetags.icons import inline_svg
from proposals.models import Proposal

pytestmark = pytest.mark.django_db

CORPUS = [
    "<script>alert('s')</script>",
    "[click](javascript:alert('j'))",
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    "<img src=x onerror=\"alert('i')\">",
    "<svg onload=\"alert('v')\"><circle/></svg>",
    "<style>body{background:url(x)}</style>",
    "<div style=\"width:expression(alert('e'))\">css</div>",
    "<iframe src=//example.org></iframe>",
    "<scr<script>ipt>alert('n')</script>",
    '"><b onmouseover=alert(1)>broken',
]
HOSTILE = "\n\n".join(CORPUS)


class _Elements(HTMLParser):
    """The real elements and attributes of a page (text, escaped, is not)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


# The QR code of a booklet's back cover, the one drawing it makes itself
# (booklets.templatetags.booklet.qr_svg): numbers only, nothing typed.
OWN_QR_CODE = re.compile(
    r'<svg aria-hidden="true" viewBox="0 0 \d+ \d+" class="segno">'
    r'<path class="qrline" stroke="#1b1b1b" d="[Mmh0-9. -]+"/></svg>'
)


def harmless(html):
    body = OWN_QR_CODE.sub("", html[html.index("<body") :])
    # The site's own icons (core.icons), drawn inline from its static files.
    for name in ICON_NAMES:
        body = body.replace(inline_svg(name), "")
    parser = _Elements()
    parser.feed(body)
    for tag, attrs in parser.found:
        assert tag not in {"script", "iframe", "img", "svg", "style", "object", "embed"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            squeezed = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name in ("href", "src", "action"):
                assert not squeezed.startswith("javascript:"), (tag, value)


def fill_everything(client):
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    issue = Issue.objects.filter(agenda=agenda, kind="prioritised").first()
    proposal = Proposal.objects.filter(agenda=agenda).first()
    section = Section.objects.filter(agenda=agenda).first()
    assert client.post(
        f"/workspace/issues/{issue.pk}/edit/",
        {"title_es": CORPUS[0], "title_en": CORPUS[3], "description_es": HOSTILE,
         "description_en": HOSTILE, "dimension": issue.dimension_id, "kind": issue.kind,
         "visibility": issue.visibility, "revision": issue.revision},
    ).status_code == 302  # fmt: skip
    assert client.post(
        f"/workspace/proposals/{proposal.pk}/edit/",
        {"actor": proposal.actor, "text_es": HOSTILE, "text_en": HOSTILE,
         "revision": proposal.revision},
    ).status_code == 302  # fmt: skip
    assert client.post(
        f"/workspace/sections/{section.pk}/edit/",
        {"heading_es": CORPUS[4], "heading_en": CORPUS[8], "body_es": HOSTILE,
         "body_en": HOSTILE, "revision": section.revision},
    ).status_code == 302  # fmt: skip
    return agenda, issue, proposal


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_field_comes_out_harmless_everywhere(client_for, demo_users, language):
    facilitator = client_for("facilitator")
    agenda, issue, proposal = fill_everything(facilitator)
    headers = {"accept-language": language}
    pages = [
        "/agendas/lazaro-cardenas/",
        "/workspace/agendas/lazaro-cardenas/",
        f"/workspace/issues/{issue.pk}/history/",
        f"/workspace/texts/issue/{issue.pk}/",
        f"/workspace/proposals/{proposal.pk}/history/",
    ]
    for path in pages:
        response = facilitator.get(path, headers=headers)
        assert response.status_code == 200, path
        harmless(response.content.decode())
    # Published as a version, read by a visitor.
    for target in ["draft", "consultation", "validated", "published"]:
        facilitator.post(
            "/workspace/agendas/lazaro-cardenas/status/", {"to": target, "confirm": "yes"}
        )
    version = client_for("visitor").get("/agendas/lazaro-cardenas/v2/", headers=headers)
    assert version.status_code == 200
    harmless(version.content.decode())
    # The HTML a booklet is printed from, both editions.
    for edition in ("public", "internal"):
        html = booklet_html(
            agenda, user=demo_users["facilitator"], edition=edition, language=language, paper="a4"
        )
        harmless(html)


def test_suggestions_and_comments_come_out_harmless(client_for):
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")
    issue = Issue.objects.filter(agenda__slug="lazaro-cardenas", visibility="public").first()
    resident = client_for("resident")
    resident.post(
        f"/suggest/issue/{issue.public_id}/",
        {"field": "description_en", "wording": HOSTILE, "reason": CORPUS[3]},
    )
    resident.post(f"/comment/issue/{issue.public_id}/", {"text": HOSTILE})
    for client, path in [
        (client_for("facilitator"), "/workspace/agendas/lazaro-cardenas/suggestions/"),
        (client_for("facilitator"), "/agendas/lazaro-cardenas/consultation/"),
        (resident, "/agendas/lazaro-cardenas/consultation/"),
        (resident, "/my-suggestions/"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        harmless(response.content.decode())
