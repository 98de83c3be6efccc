"""The privacy notice (aviso de privacidad): in Spanish and English, linked
from every page's footer, on the join page before a resident gives anything,
and written by administrators as numbered versions without code changes."""

import re
from collections import deque

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pages.models import PrivacyNotice
from pages.privacy import current_notice
from residents.models import ResidentProfile
from residents.services import issue_batch
from tests.helpers import EN, ES

from .helpers import page_text

pytestmark = pytest.mark.django_db
LINK = 'href="/privacy/"'
HREF = re.compile(r'href="(/[^"#?]*)')
# Not pages: files, the admin (checked on its own), leaving the site.
SKIP = ("/static/", "/admin/", "/i18n/", "/dimensions.css", "/api/v1/schema", "/booklets/")


def crawl(client, starts, limit=60):
    """Follow the site's own links from `starts`; yield (path, response) of
    each HTML page, up to `limit` pages."""
    seen, queue, visited = set(starts), deque(starts), 0
    while queue and visited < limit:
        path = queue.popleft()
        visited += 1
        response = client.get(path, headers=EN)
        if response.status_code in (301, 302):
            location = response["Location"].split("?")[0]
            if location not in seen:
                seen.add(location)
                queue.append(location)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        yield path, response
        for link in HREF.findall(response.content.decode()):
            if link not in seen and not link.startswith(SKIP) and "download" not in link:
                seen.add(link)
                queue.append(link)


@pytest.mark.parametrize("role", ["visitor", "resident", "facilitator", "researcher"])
def test_every_page_links_the_notice_from_its_footer(client_for, role):
    client = client_for(role)
    pages = 0
    for path, response in crawl(client, ["/", "/join/", "/vote/", "/workspace/", "/compare/"]):
        footer = response.content.decode().rsplit("<footer", 1)[-1]
        assert LINK in footer, path
        pages += 1
    assert pages >= 15  # the crawl did reach the site's pages


def test_error_pages_and_the_admin_link_the_notice(client_for, client):
    for path in ["/agendas/no-such-agenda/", "/workspace/"]:
        response = client.get(path)
        assert response.status_code in (302, 404)
    assert LINK in client.get("/agendas/no-such-agenda/").content.decode()
    assert LINK in client_for("resident").get("/workspace/").content.decode()  # 403
    assert LINK in client_for("admin").get("/admin/").content.decode()
    from django.template.loader import render_to_string

    assert LINK in render_to_string("500.html")


@pytest.mark.parametrize(
    ("headers", "title", "heading", "days"),
    [
        (ES, "Aviso de privacidad", "Qué nunca guardamos", "180 días"),
        (EN, "Privacy notice", "What we never keep", "180 days"),
    ],
)
def test_the_notice_says_what_is_kept_in_both_languages(client, headers, title, heading, days):
    response = client.get("/privacy/", headers=headers)
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<h1>{title}</h1>" in body
    assert f"<h2>{heading}</h2>" in body
    text = page_text(response)
    assert days in text and "{retention_days}" not in text


def test_the_notice_covers_what_the_law_asks(client):
    text = page_text(client.get("/privacy/", headers=EN))
    for words in [
        "pseudonym", "neighbourhood", "groups you say you belong to", "comments",
        "wordings you suggest", "proposals you support", "name, e-mail address or phone number",
        "Which ballot is whose", "Your location", "metadata", "Who sees what",
        "How long we keep it", "How to see and delete your data", "My data",
        "express consent", "withdraw",
    ]:  # fmt: skip
        assert words in text, words


def test_the_join_page_shows_the_notice_before_anything_is_given(client):
    response = client.get("/join/", headers=ES)
    body = response.content.decode()
    assert "Qué guardamos" in body
    assert body.index("Qué guardamos") > body.index('name="code"')  # below the one field
    assert "He leído el aviso de privacidad: entrar" in page_text(response)


def test_joining_records_the_notice_version_shown(client):
    issued = issue_batch(
        get_user_model()
        .objects.get(username="facilitator-lazaro-cardenas")
        .memberships.get()
        .neighbourhood,
        1,
    )
    response = client.post("/join/", {"code": issued.codes[0][1]})
    assert response.status_code == 302
    profile = ResidentProfile.objects.get(user__pk=client.session["_auth_user_id"])
    assert profile.notice_version_read == current_notice().version
    assert LINK in client.get("/join/about-you/").content.decode()


def test_administrators_write_a_new_version_without_code(client_for):
    admin = client_for("admin")
    first = current_notice()
    add = admin.get("/admin/pages/privacynotice/add/")
    assert add.status_code == 200
    assert "Qué nunca guardamos" in add.content.decode()  # starts from the text in force
    response = admin.post(
        "/admin/pages/privacynotice/add/",
        {
            "title_es": "Aviso de privacidad",
            "title_en": "Privacy notice",
            "body_es": "### Nuevo\n\nTexto nuevo.",
            "body_en": "### New\n\nNew text.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert current_notice().version == first.version + 1
    assert "New text." in Client().get("/privacy/", headers=EN).content.decode()
    # The version people consented to stays as it was: it cannot be changed.
    response = admin.post(
        f"/admin/pages/privacynotice/{first.pk}/change/",
        {"title_es": "x", "title_en": "x", "body_es": "x", "body_en": "x"},
    )
    assert response.status_code == 403
    assert PrivacyNotice.objects.get(pk=first.pk).body_en == first.body_en


def test_without_any_notice_stored_the_default_text_is_shown(client):
    PrivacyNotice.objects.all().delete()
    assert "What we never keep" in client.get("/privacy/", headers=EN).content.decode()
