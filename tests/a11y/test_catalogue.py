"""The page catalogue (tests/pages_catalogue.py) names every page of the
site: a URL pattern neither catalogued nor explained fails here, and each
catalogued page answers its reader with HTML."""

import re
import uuid

import pytest
from django.urls import reverse

from tests.pages_catalogue import (
    NOT_PAGES,
    PAGES,
    POST_ONLY,
    prepare,
    read_every_page,
    reason_not_a_page,
    url_names,
    url_routes,
)

pytestmark = pytest.mark.django_db


def test_every_url_pattern_is_a_catalogued_page_or_says_why_not():
    catalogued = {page.name for page in PAGES}
    unexplained = sorted(
        name for name in url_names() if name not in catalogued and reason_not_a_page(name) is None
    )
    assert unexplained == [], (
        "add these URL patterns to PAGES (with the role that reads them) or, "
        f"if they are not pages, to NOT_PAGES with the reason: {unexplained}"
    )
    assert catalogued <= url_names(), catalogued - url_names()


def test_every_catalogued_page_answers_its_reader_with_html():
    wrong = []
    for page, url, response in read_every_page(prepare(), "en"):
        landed = reverse(page.lands) if page.lands else url.split("?")[0]
        if (
            not page.answers(response.status_code)
            or not response["Content-Type"].startswith("text/html")
            or response.request["PATH_INFO"] != landed
        ):
            wrong.append((url, page.role, response.status_code, response.request["PATH_INFO"]))
    assert wrong == [], "\n".join(map(str, wrong))


# A value for each kind of path converter, to build an address of any pattern.
SAMPLE = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": str(uuid.uuid4())}


def test_what_is_called_post_only_refuses_get(client_for):
    """NOT_PAGES says a form only takes POST: it answers GET with 405 (else it
    is a page, and belongs in PAGES)."""
    urls = {}
    for name, route in url_routes().items():
        if NOT_PAGES.get(name) == POST_ONLY:
            urls[name] = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE[m[1] or "str"], route)
    assert len(urls) == sum(reason == POST_ONLY for reason in NOT_PAGES.values())
    client = client_for("admin")
    answers = {name: client.get(url).status_code for name, url in urls.items()}
    assert {name: status for name, status in answers.items() if status != 405} == {}
