"""Unknown addresses, bad language codes and malformed query strings get a
404 or a clear message in the person's language, never a server error."""

import pytest

from .helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/agendas/no-such-agenda/",
        "/agendas/%00/",
        "/agendas/..%2F..%2Fetc/",
        "/agendas/" + "a" * 5000 + "/",
        "/nothing-here/",
        "/agendas/lazaro-cardenas/extra/",
    ],
)
def test_unknown_addresses_get_a_404_page_in_the_persons_language(client, url):
    response = client.get(url, headers={"accept-language": "en"})
    assert response.status_code == 404
    assert "Page not found" in page_text(response)
    response = client.get(url, headers={"accept-language": "es-MX,es;q=0.9"})
    assert response.status_code == 404
    assert "Página no encontrada" in page_text(response)


@pytest.mark.parametrize(
    "query",
    ["?%", "?a=%zz", "?lang=xx", "?page=-1&page=abc", "?" + "x=1&" * 2000, "?q=%00%ff%fe"],
)
@pytest.mark.parametrize("url", ["/", "/agendas/lazaro-cardenas/", "/agendas/national/"])
def test_malformed_query_strings_are_ignored(client, url, query):
    assert client.get(url + query).status_code == 200


@pytest.mark.parametrize(
    "accept_language", ["xx", "zz-ZZ,*;q=0.1", "en;q=abc", ";;;", "e" * 500, "es-MX"]
)
def test_odd_accept_language_headers_are_served(client, accept_language):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 200


@pytest.mark.parametrize("code", ["xx", "", "../../etc", "en'><script>", "e" * 300])
def test_a_bad_language_choice_changes_nothing(client, code):
    response = client.post("/i18n/setlang/", {"language": code, "next": "/"})
    assert response.status_code in (302, 204)
    assert client.cookies.get("django_language") is None
    assert client.get("/", headers={"accept-language": "en"}).status_code == 200


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example", "javascript:x"])
def test_language_switch_does_not_redirect_off_site(client, next_url):
    response = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert "evil" not in response.get("Location", "")
    assert not response.get("Location", "").startswith("javascript")


def test_writing_methods_on_pages_are_refused(client):
    assert client.post("/agendas/lazaro-cardenas/").status_code == 405
    assert client.delete("/").status_code == 405


def test_bad_sign_in_gets_a_clear_message(client):
    response = client.post(
        "/sign-in/", {"username": "admin", "password": "wrong"}, headers={"accept-language": "en"}
    )
    assert response.status_code == 200
    assert "Please enter a correct username and password" in page_text(response)
    assert "_auth_user_id" not in client.session


def test_server_error_page_is_in_the_persons_language(client, settings):
    from django.urls import path

    import config.urls

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "urls", (), {"urlpatterns": [path("broken/", broken)], "handler500": config.urls.handler500}
    )
    client.raise_request_exception = False
    response = client.get("/broken/", headers={"accept-language": "en"})
    assert response.status_code == 500
    assert "Something went wrong" in page_text(response)
    response = client.get("/broken/", headers={"accept-language": "es"})
    assert "Algo salió mal" in page_text(response)


def test_a_form_sent_without_its_security_token_gets_a_clear_403():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/sign-in/",
        {"username": "admin", "password": "demo-agendas-2026"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 403
    assert "The form expired" in page_text(response)
    assert "_auth_user_id" not in client.session
