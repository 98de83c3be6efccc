"""A booklet is rendered on the server from text that people type: it must
load nothing but the site's own style sheet and fonts (no request leaves the
server, no file outside the static folder is read), and no text can put
script, markup or an outside load into it.
"""

import io
import re
import threading
import urllib.request
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader
from weasyprint import HTML

from agendas.models import Agenda, Issue, Section
from booklets.rendering import Stamp, booklet_html
from communities.models import SecurityDimension
from core.icons import ICON_NAMES
from core.pdf import BASE_URL, RefusedURL, StaticOnlyFetcher, render_pdf
from core.templatetags.icons import inline_svg
from proposals.models import Proposal
from tallies.models import PaperTally, TallyCount
from workshops.models import Workshop

STATIC = BASE_URL + "static/"
FONTS = [
    "source-sans-3-latin-400-normal.woff",
    "source-sans-3-latin-400-italic.woff",
    "source-sans-3-latin-700-normal.woff",
    "source-sans-3-latin-700-italic.woff",
]


# --- the fetcher ----------------------------------------------------------------------


def test_fetcher_serves_the_booklet_style_sheet():
    response = StaticOnlyFetcher().fetch(STATIC + "css/booklet.css")
    assert response.content_type == "text/css"
    on_disk = Path(settings.BASE_DIR, "static", "css", "booklet.css").read_bytes()
    assert response.read() == on_disk


@pytest.mark.parametrize("font", FONTS)
def test_fetcher_serves_the_fonts_the_style_sheet_names(font):
    # Resolved as WeasyPrint resolves the style sheet's relative url(...).
    url = urljoin(STATIC + "css/booklet.css", f"../vendor/fonts/{font}")
    response = StaticOnlyFetcher().fetch(url)
    assert response.content_type == "font/woff"
    assert response.read()[:4] == b"wOFF"


STATIC_DIR = Path(settings.BASE_DIR, "static")
REFUSED = {
    "another host": "https://example.com/static/css/booklet.css",
    "our path on another host": "https://booklet.invalid.example.com/static/css/booklet.css",
    "user info in front of the host": "https://booklet.invalid@example.com/static/css/booklet.css",
    "another port": "https://booklet.invalid:8443/static/css/booklet.css",
    "plain http": "http://booklet.invalid/static/css/booklet.css",
    "local network": "http://127.0.0.1/static/css/booklet.css",
    "system file": "file:///etc/passwd",
    "static file by path": f"file://{STATIC_DIR}/css/booklet.css",
    "data url": "data:text/css,body%7Bbackground:red%7D",
    "data url image": "data:image/svg+xml;base64,PHN2Zy8+",
    "outside the static folder": BASE_URL + "config/settings/base.py",
    "traversal": STATIC + "../config/settings/base.py",
    "traversal from a subfolder": STATIC + "css/../../manage.py",
    "encoded traversal": STATIC + "%2e%2e/config/settings/base.py",
    "encoded slashes": STATIC + "css%2f..%2f..%2fmanage.py",
    "traversal to an allowed type": STATIC + "../node_modules/bootstrap/dist/css/bootstrap.css",
    "absolute path inside": STATIC + "/etc/passwd",
    "query string": STATIC + "css/booklet.css?v=1",
    "fragment": STATIC + "css/booklet.css#top",
    "script": STATIC + "vendor/htmx/htmx.min.js",
    "source map": STATIC + "vendor/bootstrap/bootstrap.min.css.map",
    "no suffix": STATIC + "css",
    "missing file": STATIC + "css/nothing-here.css",
    "backslash": STATIC + "css\\booklet.css",
    "backslash traversal": STATIC + "..\\config\\settings\\base.py",
    "encoded backslash": STATIC + "css%5cbooklet.css",
    "nul byte": STATIC + "css/booklet.css%00.css",
    "empty static path": STATIC,
}


def test_refused_files_of_an_allowed_kind_exist():
    # Otherwise the refusals below could merely be "file not found".
    assert finders.find("vendor/htmx/htmx.min.js")
    assert finders.find("vendor/bootstrap/bootstrap.min.css.map")
    assert finders.find("css/booklet.css")


@pytest.mark.parametrize("url", REFUSED.values(), ids=REFUSED.keys())
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(RefusedURL, match="booklets load only the site's static files"):
        StaticOnlyFetcher().fetch(url)


# --- WeasyPrint with the fetcher, against a real server --------------------------------


class Recorder(BaseHTTPRequestHandler):
    """Answers anything, and remembers every request it was sent."""

    def do_GET(self):
        self.server.requests.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", f"{self.server.url}/target.css")
            self.end_headers()
            return
        body = b"p { color: red }"
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def outside():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.requests = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    # The server really answers, and follows nobody: a request would be seen.
    with urllib.request.urlopen(f"{server.url}/redirect", timeout=5) as response:
        assert response.read() == b"p { color: red }"
    assert server.requests == ["/redirect", "/target.css"]
    server.requests.clear()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


OUTSIDE_REFERENCES = {
    "style sheet": '<link rel="stylesheet" href="{url}/style.css"><p>x</p>',
    "redirected style sheet": '<link rel="stylesheet" href="{url}/redirect"><p>x</p>',
    "css import": '<style>@import url("{url}/import.css");</style><p>x</p>',
    "image": '<p>x</p><img src="{url}/image.png" alt="">',
    "redirected image": '<p>x</p><img src="{url}/redirect" alt="">',
    "background": '<p style="background: url({url}/background.png)">x</p>',
    "font": "<style>@font-face {{ font-family: Outside; src: url({url}/font.woff); }}"
    " p {{ font-family: Outside }}</style><p>x</p>",
    "generated content": "<style>p::before {{ content: url({url}/before.png) }}</style><p>x</p>",
    "list marker": '<ul style="list-style-image: url({url}/marker.png)"><li>x</li></ul>',
    "object": '<object data="{url}/object.svg"></object>',
    "embed": '<embed src="{url}/embed.svg">',
    "attachment": '<a rel="attachment" href="{url}/attachment.txt">x</a>',
    "relative image": '<img src="image.png" alt="">',
    "file image": '<img src="file:///etc/hostname" alt="">',
    "data image": '<img alt="" src="data:image/gif;base64,'
    'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">',
}


@pytest.mark.parametrize("reference", OUTSIDE_REFERENCES.values(), ids=OUTSIDE_REFERENCES.keys())
def test_rendering_stops_instead_of_loading_from_outside(outside, reference):
    html = reference.format(url=outside.url)
    if outside.url in html:
        # Without the fetcher, WeasyPrint would indeed go and get it.
        HTML(string=html).write_pdf()
        assert outside.requests
        outside.requests.clear()

    with pytest.raises(RefusedURL):
        render_pdf(html)
    assert outside.requests == []


def test_image_inside_an_svg_is_never_fetched(outside):
    # WeasyPrint carries on when an image in an SVG fails, so the render
    # completes; what matters is that the image was not fetched.
    html = f'<svg width="10" height="10"><image href="{outside.url}/image.png"/></svg>'
    assert render_pdf(html).startswith(b"%PDF-")
    assert outside.requests == []


def test_a_real_booklet_renders_without_a_request(outside, db):
    html = booklet_html(
        Agenda.objects.get(slug="national"),
        user=AnonymousUser(),
        edition="public",
        language="en",
        paper="a4",
    )
    assert render_pdf(html).startswith(b"%PDF-")
    assert outside.requests == []


# --- what people type -----------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://127.0.0.1:9/x.js></SCRIPT>",
    '"><script>alert(1)</script>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<img src=x onerror="alert(1)">',
    "<img src=x>",
    "![x](http://127.0.0.1:9/x.png)",
    '<p onclick="alert(1)">click</p>',
    "<svg onload=alert(1)>",
    "<svg><image href=http://127.0.0.1:9/x.png /></svg>",
    "<style>body { background: url(http://127.0.0.1:9/x.png) }</style>",
    '<div style="width: expression(alert(1)); background: url(http://127.0.0.1:9/)">x</div>',
    '<iframe src="http://127.0.0.1:9/"></iframe>',
    '<object data="http://127.0.0.1:9/x.svg"></object>',
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "</textarea></title></style><script>alert(1)</script>",
]
FORBIDDEN_TAGS = {
    "script", "style", "iframe", "frame", "frameset", "img", "image", "object", "embed",
    "link", "meta", "base", "form", "input", "button", "math", "video", "audio", "source",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data", "background"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def tags_of(html):
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def assert_harmless(body):
    """What a browser or WeasyPrint could act on: elements, event handlers,
    styles and URLs; text that merely spells them is harmless."""
    # The site's own icons (core.icons), drawn inline, are the only other drawings.
    for name in ICON_NAMES:
        body = body.replace(inline_svg(name), "")
    lowered = body.lower()
    for start in ("<script", "<iframe", "<img", "<style", "<object", "<embed", "<link"):
        assert start not in lowered, start
    # Inside a tag, not in the text between tags.
    assert not re.search(r"<[^<>]*javascript:", lowered)
    assert not re.search(r"<[^<>]*\son\w+\s*=", lowered)
    svgs = 0
    for tag, attrs in tags_of(body):
        assert tag not in FORBIDDEN_TAGS, tag
        svgs += tag == "svg"
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            if name in URL_ATTRIBUTES and value:
                # Browsers ignore whitespace and control characters in a scheme.
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                assert not scheme.startswith(("javascript:", "vbscript:", "data:")), value
    # The booklet's own drawings only: the vote chart and the back cover's QR code.
    assert svgs <= 2


@pytest.fixture
def xss_agenda(db):
    """Put `text` everywhere people can type on an agenda's booklet."""

    def fill(text):
        agenda = Agenda.objects.get(slug="lazaro-cardenas")
        bilingual = {"en": text, "es": text}
        Agenda.objects.filter(pk=agenda.pk).update(title_en=text, title_es=text)
        workshop = Workshop.objects.filter(neighbourhood=agenda.neighbourhood).first()
        Workshop.objects.filter(pk=workshop.pk).update(title_en=text, place_en=text)
        personal = SecurityDimension.objects.get(slug="personal")
        issues = [
            Issue.objects.create(
                agenda=agenda,
                kind=kind,
                dimension=personal,
                **{f"title_{code}": value for code, value in bilingual.items()},
                **{f"description_{code}": value for code, value in bilingual.items()},
            )
            for kind in (Issue.Kind.PRIORITISED, Issue.Kind.SILENCED)
        ]
        proposal = Proposal.objects.create(agenda=agenda, actor="community", text_en=text)
        proposal.issues.set(issues)
        Section.objects.create(
            agenda=agenda, kind="introduction", heading_en=text, body_en=text, body_es=text
        )
        # The vote chart labels its bars with issue titles.
        tally = PaperTally.objects.create(workshop=workshop, agenda=agenda, voters=5)
        TallyCount.objects.create(tally=tally, issue=issues[0], dots=3)
        return Agenda.objects.get(pk=agenda.pk)

    return fill


@pytest.mark.parametrize("text", XSS)
def test_typed_markup_comes_out_harmless(xss_agenda, text):
    agenda = xss_agenda(text)
    html = booklet_html(agenda, user=AnonymousUser(), edition="public", language="en", paper="a4")
    head, body = re.split(r"<body\b", html, maxsplit=1)

    assert_harmless(body)
    # The title is shown as the words that were typed, not dropped.
    assert f'<span class="issue-title">{escape(text)}</span>' in body
    # The head holds the booklet's own style and style sheets (its layout,
    # its cover and credits, its design), and nothing typed.
    assert head.lower().count("<style") == 1
    assert head.lower().count("<link") == 3
    assert "<script" not in head.lower()
    # ...and the booklet still prints, loading nothing from outside.
    pdf = render_pdf(html)
    assert PdfReader(io.BytesIO(pdf)).pages


def test_exporter_name_cannot_break_out_of_the_page_margins(outside, db, demo_users):
    # The name is written into the booklet's own <style>: quotes, braces and
    # tags in it must stay text.
    name = (
        f'Ana"; }} @page {{ @top-right {{ content: url({outside.url}/margin.png) }} }} x {{ y: "'
        f'</style><img src="{outside.url}/tag.png">'
    )
    html = booklet_html(
        Agenda.objects.get(slug="lazaro-cardenas"),
        user=demo_users["facilitator"],
        edition="internal",
        language="en",
        paper="a4",
        stamp=Stamp(name, timezone.now()),
    )
    head = html.split("<body", 1)[0]
    assert "<img" not in head.lower()
    assert head.lower().count("</style>") == 1

    pdf = render_pdf(html)
    assert outside.requests == []
    first_page = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    squash = re.compile(r"\s+")
    assert squash.sub("", f"Exported by {name}") in squash.sub("", first_page)
