"""A resident's own-data pages and the researchers' token page answer a
method they do not accept with 405 before anything else, signed in or not,
as every other page does; with the method they accept, a visitor is sent to
sign in."""

from urllib.parse import quote

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# page -> (a method it refuses, a method it accepts)
PAGES = {
    reverse("my-data"): ("post", "get"),
    reverse("my-data-download"): ("post", "get"),
    reverse("my-data-delete"): ("put", "get"),
    reverse("withdraw-consent"): ("get", "post"),
    reverse("api-token"): ("put", "get"),
}


@pytest.mark.parametrize("role", ["visitor", "resident", "researcher"])
@pytest.mark.parametrize("url", PAGES)
def test_a_refused_method_answers_405_signed_in_or_not(client_for, url, role):
    refused, _accepted = PAGES[url]
    assert getattr(client_for(role), refused)(url).status_code == 405


@pytest.mark.parametrize("url", PAGES)
def test_a_visitor_is_sent_to_sign_in_with_the_method_a_page_accepts(client_for, url):
    _refused, accepted = PAGES[url]
    response = getattr(client_for("visitor"), accepted)(url)
    assert (response.status_code, response["Location"]) == (302, f"/sign-in/?next={quote(url)}")
