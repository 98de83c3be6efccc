"""The site follows the browser's language, remembers a choice, and says
when content is shown in the other language."""

import pytest

from agendas.models import Issue

from .helpers import page_text

pytestmark = pytest.mark.django_db


def test_the_site_follows_accept_language(client):
    assert "Neighbourhoods" in page_text(client.get("/", headers={"accept-language": "en-GB"}))
    assert "Colonias" in page_text(client.get("/", headers={"accept-language": "es-MX"}))


def test_spanish_is_the_default(client):
    response = client.get("/")
    assert 'lang="es-MX"' in response.content.decode()
    assert "Colonias" in page_text(response)


def test_a_language_choice_is_remembered(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/agendas/national/"})
    assert response.status_code == 302
    assert response["Location"] == "/agendas/national/"
    response = client.get("/agendas/national/", headers={"accept-language": "es"})
    assert "National Human Security Agenda" in page_text(response)


def test_the_switch_works_without_javascript(client):
    body = client.get("/").content.decode()
    assert 'action="/i18n/setlang/"' in body
    assert 'name="language" value="en"' in body


def test_missing_translation_falls_back_visibly(client):
    issue = Issue.objects.get(title_en="Domestic violence", agenda__slug="lazaro-cardenas")
    issue.title_en = ""
    issue.save()
    response = client.get("/agendas/lazaro-cardenas/", headers={"accept-language": "en"})
    body = response.content.decode()
    assert f'<span lang="es">{issue.title_es}</span>' in body
    assert f"{issue.title_es} (in Spanish)" in page_text(response)


def test_signing_in_and_out(client):
    response = client.post(
        "/sign-in/",
        {"username": "researcher", "password": "demo-agendas-2026", "next": "/agendas/national/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/agendas/national/"
    assert "researcher" in page_text(client.get("/", headers={"accept-language": "en"}))
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_in_does_not_redirect_off_site(client):
    response = client.post(
        "/sign-in/",
        {
            "username": "researcher",
            "password": "demo-agendas-2026",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"]


def test_not_allowed_page_is_styled_and_translated(client, rf):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("es"):
        html = render_to_string("403.html", request=rf.get("/"))
    assert "No permitido" in html
    assert "Agendas de Seguridad Humana" in html


def test_plain_text_of_markdown_is_escaped_once():
    from django.template import Context, Template

    proposal = type("P", (), {"text_es": "**Salud** & <script>x</script>", "text_en": ""})()
    out = Template('{% load bilingual %}{% tr_plain p "text" %}').render(Context({"p": proposal}))
    assert out == "Salud &amp;"
