"""Only what the pages use is collected (config.static_finders), and all of
it is: collectstatic with the production storage succeeds, and every static
file a page links (and every file its stylesheets name) is in the set."""

import json
import posixpath
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

from tests.helpers import EN, signed_in

ROOT = Path(__file__).resolve().parents[2]
STATIC = "/static/"
LINKED = re.compile(r'(?:href|src)="(/static/[^"?#]+)')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)")
PAGES = [
    "/",
    "/agendas/lazaro-cardenas/",
    "/sign-in/",
    "/join/",
    "/privacy/",
    "/data/",
    "/api/v1/docs/",
    "/api/v1/docs/interactive/",
    "/admin/login/",
]
ADMIN_PAGES = [
    "/admin/",
    "/admin/communities/membership/add/",
    "/admin/communities/city/add/",
    # Loads htmx, which only pages that use it do (its move buttons).
    "/workspace/agendas/lazaro-cardenas/",
]
# The printed booklets and code slips: HTML that WeasyPrint renders (core.pdf).
PRINTED = ["templates/booklets/booklet.html", "templates/residents/slips.html"]
MOST_FILES = 160


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """The files collectstatic copies with the production storage (hashed
    names, every reference inside CSS checked, compressed copies)."""
    root = tmp_path_factory.mktemp("static")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((root / "staticfiles.json").read_text())
    return set(manifest["paths"])


def _static_paths(html):
    return {url[len(STATIC) :] for url in LINKED.findall(html)}


def _with_what_stylesheets_name(paths):
    """The paths and, for each stylesheet among them, the files its url()s
    name (a font, an image, a source map), as the manifest storage resolves them."""
    found, waiting = set(), list(paths)
    while waiting:
        path = waiting.pop()
        if path in found:
            continue
        found.add(path)
        if path.endswith(".css") and (source := finders.find(path)):
            text = Path(source).read_text()
            named = CSS_URL.findall(text) + re.findall(r"sourceMappingURL=(\S+?)\s*\*/", text)
            for url in named:
                if not url.startswith(("data:", "#", "http:", "https:", "/")):
                    waiting.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), url)))
    return found


@pytest.fixture
def used(client, demo_users):
    admin = signed_in(demo_users["admin"])
    answers = [client.get(url, headers=EN) for url in PAGES]
    answers += [admin.get(url, headers=EN) for url in ADMIN_PAGES]
    assert [answer.status_code for answer in answers] == [200] * len(answers)
    html = [answer.content.decode() for answer in answers]
    html += [(ROOT / template).read_text() for template in PRINTED]
    paths = set().union(*(_static_paths(page) for page in html))
    return _with_what_stylesheets_name(paths)


def test_pages_link_the_static_files_they_need(used):
    # A check of the check: the pages were read, and their files found.
    for path in (
        "vendor/bootstrap/bootstrap.min.css",
        "vendor/htmx/htmx.min.js",
        "vendor/fonts/source-sans-3-latin-700-italic.woff",
        "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "admin/js/vendor/select2/i18n/en.js",
    ):
        assert path in used


def test_every_static_file_a_page_uses_is_collected_and_found(collected, used):
    assert sorted(used - collected) == []
    assert [path for path in used if not finders.find(path)] == []


def test_only_what_pages_use_is_collected(collected):
    assert len(collected) < MOST_FILES
    unused = ("rest_framework/", "drf_spectacular_sidecar/redoc/", "vendor/bootstrap/bootstrap.css")
    assert [path for path in collected if path.startswith(unused)] == []
    assert [path for path in collected if path.endswith(".woff2")] == []
    assert "admin/js/vendor/select2/i18n/fr.js" not in collected
    # Nor is a file left out ever served from the packages.
    assert not finders.find("rest_framework/css/bootstrap.min.css")
    assert not finders.find("vendor/htmx/htmx.js")
