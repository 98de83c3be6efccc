"""The people page and roles: an administrator sees every facilitator,
researcher and administrator; a facilitator the facilitators of their own
neighbourhoods; residents are never listed. Removing a role changes what
the person sees from their next page on; the last facilitator of a
neighbourhood cannot remove themselves. Every change is in the history."""

import pytest

from communities.models import Membership
from people import services
from people.models import PeopleEvent
from tests.helpers import EN, signed_in

from ..pages.helpers import page_text
from .helpers import PEOPLE, User, accept, facilitators_of, invite, person, place, snapshot

pytestmark = pytest.mark.django_db


def membership(username, slug="lazaro-cardenas"):
    return Membership.objects.get(user__username=username, neighbourhood__slug=slug)


def remove_url(username, slug="lazaro-cardenas"):
    return f"/workspace/people/facilitators/{membership(username, slug).pk}/remove/"


# --- the people page ------------------------------------------------------------------------


def test_an_administrator_sees_every_facilitator_researcher_and_administrator():
    text = page_text(signed_in(person("admin")).get(PEOPLE, headers=EN))
    for name in (
        "facilitator-lazaro-cardenas",
        "facilitator-sanchez-taboada",
        "facilitator-nuevo-almaguer",
        "researcher",
        "admin",
    ):
        assert name in text
    assert "Acapulco" in text  # a neighbourhood without facilitator is listed too
    assert "resident-lazaro-cardenas" not in text


def test_a_facilitator_sees_only_the_facilitators_of_their_neighbourhoods(make_person):
    make_person("colleague", role="facilitator", neighbourhood="lazaro-cardenas")
    response = signed_in(person("facilitator-lazaro-cardenas")).get(PEOPLE, headers=EN)
    assert response.status_code == 200
    text = page_text(response)
    assert "facilitator-lazaro-cardenas" in text
    assert "colleague" in text
    assert "facilitator-sanchez-taboada" not in text
    assert "Researchers" not in text
    assert "resident-lazaro-cardenas" not in text


@pytest.mark.parametrize("role", ["resident", "researcher"])
def test_residents_and_researchers_have_no_people_page(client_for, role):
    assert client_for(role).get(PEOPLE).status_code == 403


def test_the_dashboard_links_the_people_page_for_those_who_may_see_it(client_for):
    assert (
        'href="/workspace/people/"' in client_for("facilitator").get("/workspace/").content.decode()
    )
    assert (
        'href="/workspace/people/"'
        not in client_for("researcher").get("/workspace/").content.decode()
    )


def test_the_history_shows_who_did_what_to_whom():
    _invitation, code = invite(note="Beatriz")
    accept(code, "beatriz")
    services.remove_facilitator(by=person("admin"), membership=membership("beatriz"))
    text = page_text(signed_in(person("admin")).get(PEOPLE, headers=EN))
    for line in ("Invitation made", "Invitation used", "Role given", "Role removed", "Beatriz"):
        assert line in text
    actions = list(PeopleEvent.objects.values_list("action", "actor_name", "person_name"))
    assert ("role_removed", "admin", "beatriz") in actions
    assert ("invitation_used", "beatriz", "beatriz") in actions
    assert ("role_given", "admin", "beatriz") in actions
    assert ("invitation_made", "admin", "Beatriz") in actions


def test_a_facilitator_sees_the_history_of_their_neighbourhoods_only():
    invite(places=("sanchez-taboada",), note="Elsewhere")
    invite(role="researcher", note="A researcher")
    invite(places=("lazaro-cardenas",), note="Here")
    text = page_text(signed_in(person("facilitator-lazaro-cardenas")).get(PEOPLE, headers=EN))
    assert "Here" in text
    assert "Elsewhere" not in text
    assert "A researcher" not in text


# --- removing a facilitator -------------------------------------------------------------------


def test_an_administrator_removes_a_facilitator_and_it_takes_effect_at_once():
    facilitator = signed_in(person("facilitator-lazaro-cardenas"))
    workspace = f"/workspace/neighbourhoods/{place().pk}/"
    assert facilitator.get(workspace).status_code == 200
    admin = signed_in(person("admin"))
    assert admin.get(remove_url("facilitator-lazaro-cardenas"), headers=EN).status_code == 200
    response = admin.post(remove_url("facilitator-lazaro-cardenas"), headers=EN)
    assert response.status_code == 302
    assert "facilitator-lazaro-cardenas" not in facilitators_of("lazaro-cardenas")
    # The same session, its next page: no longer theirs.
    assert facilitator.get(workspace).status_code == 403


def test_a_facilitator_removes_a_co_facilitator(make_person):
    colleague = make_person("colleague", role="facilitator", neighbourhood="lazaro-cardenas")
    response = signed_in(person("facilitator-lazaro-cardenas")).post(remove_url("colleague"))
    assert response.status_code == 302
    assert "colleague" not in facilitators_of("lazaro-cardenas")
    assert not colleague.memberships.exists()


def test_a_facilitator_may_step_down_when_another_remains(make_person):
    make_person("colleague", role="facilitator", neighbourhood="lazaro-cardenas")
    me = signed_in(person("facilitator-lazaro-cardenas"))
    response = me.post(remove_url("facilitator-lazaro-cardenas"))
    assert response.status_code == 302
    assert facilitators_of("lazaro-cardenas") == {"colleague"}
    # With no role left, they are taken out of the workspace at once.
    assert response["Location"] == "/"
    assert me.get("/workspace/people/").status_code == 403


def test_the_last_facilitator_cannot_remove_themselves():
    me = signed_in(person("facilitator-lazaro-cardenas"))
    url = remove_url("facilitator-lazaro-cardenas")
    before = snapshot()
    assert me.get(url).status_code == 403
    response = me.post(url, headers=EN, follow=True)
    assert "You are the only facilitator of this neighbourhood" in page_text(response)
    assert snapshot() == before
    # An administrator may: the work there then waits for a new facilitator.
    services.remove_facilitator(
        by=person("admin"), membership=membership("facilitator-lazaro-cardenas")
    )
    assert facilitators_of("lazaro-cardenas") == set()


def test_a_facilitator_cannot_remove_anyone_elsewhere():
    before = snapshot()
    url = remove_url("facilitator-sanchez-taboada", "sanchez-taboada")
    response = signed_in(person("facilitator-lazaro-cardenas")).post(url)
    assert response.status_code == 404
    with pytest.raises(services.PermissionDenied):
        services.remove_facilitator(
            by=person("facilitator-lazaro-cardenas"),
            membership=membership("facilitator-sanchez-taboada", "sanchez-taboada"),
        )
    assert snapshot() == before


def test_a_resident_membership_is_not_removed_here():
    resident = Membership.objects.get(user__username="resident-lazaro-cardenas")
    url = f"/workspace/people/facilitators/{resident.pk}/remove/"
    assert signed_in(person("admin")).post(url).status_code == 404
    assert Membership.objects.filter(pk=resident.pk).exists()


# --- researchers --------------------------------------------------------------------------------


def test_an_administrator_removes_the_researcher_role_at_once():
    researcher = signed_in(person("researcher"))
    assert researcher.get("/workspace/").status_code == 200
    url = f"/workspace/people/{person('researcher').pk}/researcher/remove/"
    admin = signed_in(person("admin"))
    assert admin.get(url).status_code == 200
    assert admin.post(url).status_code == 302
    assert not person("researcher").is_researcher
    assert researcher.get("/workspace/").status_code == 403
    assert PeopleEvent.objects.filter(action="role_removed", person_name="researcher").exists()


def test_no_one_but_an_administrator_removes_a_researcher():
    url = f"/workspace/people/{person('researcher').pk}/researcher/remove/"
    for username in ("facilitator-lazaro-cardenas", "researcher"):
        assert signed_in(person(username)).post(url).status_code == 403
    with pytest.raises(services.PermissionDenied):
        services.remove_researcher(
            by=person("facilitator-lazaro-cardenas"), person=person("researcher")
        )
    assert person("researcher").is_researcher


# --- giving an existing staff account more neighbourhoods ---------------------------------------


def test_an_administrator_gives_a_facilitator_more_neighbourhoods():
    facilitator = person("facilitator-lazaro-cardenas")
    url = f"/workspace/people/{facilitator.pk}/"
    admin = signed_in(person("admin"))
    page = admin.get(url, headers=EN)
    assert page.status_code == 200
    response = admin.post(url, {"neighbourhoods": [place("sanchez-taboada").pk]}, headers=EN)
    assert response.status_code == 302
    assert "facilitator-lazaro-cardenas" in facilitators_of("sanchez-taboada")
    assert PeopleEvent.objects.filter(
        action="role_given", person=facilitator, neighbourhood__slug="sanchez-taboada"
    ).exists()


def test_a_researcher_can_be_made_a_facilitator_too():
    given = services.give_facilitator_role(
        by=person("admin"), person=person("researcher"), neighbourhoods=[place()]
    )
    assert given == [place()]
    assert "researcher" in facilitators_of("lazaro-cardenas")


def test_a_residents_account_is_not_given_a_staff_role():
    before = snapshot()
    resident = person("resident-lazaro-cardenas")
    assert signed_in(person("admin")).get(f"/workspace/people/{resident.pk}/").status_code == 404
    with pytest.raises(services.Refused):
        services.give_facilitator_role(
            by=person("admin"), person=resident, neighbourhoods=[place("sanchez-taboada")]
        )
    assert snapshot() == before


def test_a_facilitator_cannot_give_roles():
    facilitator = signed_in(person("facilitator-lazaro-cardenas"))
    other = person("facilitator-sanchez-taboada")
    before = snapshot()
    response = facilitator.post(f"/workspace/people/{other.pk}/", {"neighbourhoods": [place().pk]})
    assert response.status_code == 403
    with pytest.raises(services.PermissionDenied):
        services.give_facilitator_role(
            by=person("facilitator-lazaro-cardenas"), person=other, neighbourhoods=[place()]
        )
    assert snapshot() == before


def test_giving_no_neighbourhood_is_refused_with_a_message():
    url = f"/workspace/people/{person('researcher').pk}/"
    response = signed_in(person("admin")).post(url, {}, headers=EN)
    assert response.status_code == 400
    assert "This field is required." in page_text(response)
    assert not User.objects.get(username="researcher").memberships.exists()
