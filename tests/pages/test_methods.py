"""Pages for signed-in people (a resident's, the codes', a resident's own
data, the researchers' token) answer a method they do not accept with 405
before anything else, signed in or not, as every other page does; with the
method they accept, a visitor is sent to sign in."""

import uuid
from urllib.parse import quote

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SHEET = uuid.uuid4()
# page -> (a method it refuses, a method it accepts)
PAGES = {
    reverse("about-you"): ("put", "get"),
    reverse("give-consent"): ("get", "post"),
    reverse("code-batches", args=[1]): ("put", "get"),
    reverse("code-withdraw", args=[1]): ("put", "post"),
    reverse("code-sheet", args=[SHEET]): ("post", "get"),
    reverse("code-sheet-download", args=[SHEET]): ("post", "get"),
    reverse("code-sheet-delete", args=[SHEET]): ("get", "post"),
    reverse("code-sheet-retry", args=[SHEET]): ("get", "post"),
    reverse("my-data"): ("post", "get"),
    reverse("my-data-download"): ("post", "get"),
    reverse("my-data-delete"): ("put", "get"),
    reverse("withdraw-consent"): ("get", "post"),
    reverse("api-token"): ("put", "get"),
}


@pytest.mark.parametrize("role", ["visitor", "resident", "facilitator", "researcher"])
@pytest.mark.parametrize("url", PAGES)
def test_a_refused_method_answers_405_signed_in_or_not(client_for, url, role):
    refused, _accepted = PAGES[url]
    assert getattr(client_for(role), refused)(url).status_code == 405


@pytest.mark.parametrize("url", PAGES)
def test_a_visitor_is_sent_to_sign_in_with_the_method_a_page_accepts(client_for, url):
    _refused, accepted = PAGES[url]
    response = getattr(client_for("visitor"), accepted)(url)
    assert (response.status_code, response["Location"]) == (302, f"/sign-in/?next={quote(url)}")
