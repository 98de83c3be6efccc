"""Password reset links, with no e-mail: an administrator makes a one-time
link for a staff person, who opens it, sets a new password and lands where
they work; a used or expired link says so and changes nothing."""

import pytest
from django.test import Client

from people import services
from people.models import PeopleEvent
from tests.helpers import EN, PASSWORD, signed_in

from ..pages.helpers import page_text
from .helpers import GOOD_PASSWORD, person, snapshot

pytestmark = pytest.mark.django_db


def reset_page(username):
    return f"/workspace/people/{person(username).pk}/reset-link/"


def link_on(response):
    text = response.content.decode()
    start = text.index('id="reset-link">') + len('id="reset-link">')
    return text[start : text.index("<", start)].replace("http://testserver", "")


def use(link, password=GOOD_PASSWORD, client=None):
    """Open the link (which moves its token out of the address) and set a password."""
    client = client or Client()
    opened = client.get(link, headers=EN)
    if opened.status_code != 302:
        return opened
    return client.post(
        opened["Location"],
        {"new_password1": password, "new_password2": password},
        headers=EN,
    )


def test_an_administrator_makes_a_link_the_person_sets_a_new_password_and_lands_at_work():
    response = signed_in(person("admin")).post(
        reset_page("facilitator-lazaro-cardenas"), headers=EN
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    link = link_on(response)
    client = Client()
    done = use(link, client=client)
    assert done.status_code == 302
    assert done["Location"] == "/workspace/"
    facilitator = person("facilitator-lazaro-cardenas")
    assert facilitator.check_password(GOOD_PASSWORD)
    assert client.get("/workspace/").wsgi_request.user == facilitator
    assert list(PeopleEvent.objects.values_list("action", "actor_name", "person_name")) == [
        ("reset_link_used", "facilitator-lazaro-cardenas", "facilitator-lazaro-cardenas"),
        ("reset_link_made", "admin", "facilitator-lazaro-cardenas"),
    ]


def test_a_used_link_answers_a_clear_message_and_changes_nothing():
    link = services.make_reset_link(by=person("admin"), person=person("researcher"))
    assert use(link).status_code == 302
    before = snapshot()
    again = use(link, password="another-long-password-77")
    assert again.status_code == 410
    assert "already been used, or it has expired" in page_text(again)
    assert person("researcher").check_password(GOOD_PASSWORD)
    assert snapshot() == before


def test_an_expired_link_answers_a_clear_message(settings):
    link = services.make_reset_link(by=person("admin"), person=person("researcher"))
    settings.PASSWORD_RESET_TIMEOUT = -1
    response = use(link)
    assert response.status_code == 410
    assert "already been used, or it has expired" in page_text(response)
    assert person("researcher").check_password(PASSWORD)


def test_a_weak_password_is_refused_and_the_link_still_works():
    link = services.make_reset_link(by=person("admin"), person=person("researcher"))
    client = Client()
    refused = use(link, password="password", client=client)
    assert refused.status_code == 400
    assert "Nothing was saved" in page_text(refused)
    assert "This password is too common." in page_text(refused)
    assert person("researcher").check_password(PASSWORD)
    assert use(link).status_code == 302


@pytest.mark.parametrize("username", ["facilitator-lazaro-cardenas", "researcher"])
def test_only_an_administrator_makes_reset_links(username):
    before = snapshot()
    response = signed_in(person(username)).post(reset_page("facilitator-sanchez-taboada"))
    assert response.status_code == 403
    with pytest.raises(services.PermissionDenied):
        services.make_reset_link(by=person(username), person=person("facilitator-sanchez-taboada"))
    assert snapshot() == before


def test_no_reset_link_for_a_residents_account():
    resident = person("resident-lazaro-cardenas")
    assert (
        signed_in(person("admin")).post(f"/workspace/people/{resident.pk}/reset-link/").status_code
        == 404
    )
    with pytest.raises(services.Refused):
        services.make_reset_link(by=person("admin"), person=resident)
    assert not PeopleEvent.objects.exists()
