"""Invitations: an administrator invites facilitators and researchers, a
facilitator co-facilitators for their own neighbourhoods only; an invitation
works once, before it expires, unless withdrawn; its secret is kept hashed
only; wrong codes are slowed down per address, right ones never."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from people import codes, services
from people.models import Invitation
from tests.helpers import EN, signed_in

from ..pages.helpers import page_text
from .helpers import (
    ACCEPT,
    GOOD_PASSWORD,
    INVITE,
    OTHER_ADDRESS,
    User,
    accept,
    facilitators_of,
    invite,
    link_of,
    person,
    place,
    snapshot,
)

pytestmark = pytest.mark.django_db


def code_on(response):
    """The code as the invitation page shows it, once."""
    text = response.content.decode()
    start = text.index('id="invitation-code">') + len('id="invitation-code">')
    return text[start : text.index("<", start)]


# --- making an invitation -----------------------------------------------------------------


def test_an_administrator_invites_a_facilitator_who_makes_an_account_and_lands_in_the_workspace():
    admin = signed_in(person("admin"))
    response = admin.post(
        INVITE,
        {
            "role": "facilitator",
            "neighbourhoods": [place("lazaro-cardenas").pk, place("nuevo-almaguer").pk],
            "note": "Ana",
        },
        headers=EN,
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = code_on(response)
    assert link_of(code) in response.content.decode()
    invitation = Invitation.objects.get()
    # Only a keyed hash of the code is kept, never the code itself.
    assert invitation.code_hash == codes.code_hash(codes.normalise(code))
    assert codes.normalise(code) not in str(Invitation.objects.values_list())

    client = Client()
    response = accept(code, "ana-facilitadora", client=client)
    assert response.status_code == 302
    assert response["Location"] == "/workspace/"
    ana = person("ana-facilitadora")
    assert client.get("/workspace/", headers=EN).wsgi_request.user == ana
    assert ana.check_password(GOOD_PASSWORD)
    assert not (ana.is_staff or ana.is_superuser or ana.is_researcher)
    assert "ana-facilitadora" in facilitators_of("lazaro-cardenas")
    assert "ana-facilitadora" in facilitators_of("nuevo-almaguer")
    assert "ana-facilitadora" not in facilitators_of("sanchez-taboada")


def test_an_administrator_invites_a_researcher():
    _invitation, code = invite(role="researcher", note="")
    assert accept(code, "new-researcher").status_code == 302
    researcher = person("new-researcher")
    assert researcher.is_researcher
    assert not researcher.memberships.exists()


def test_a_facilitator_invites_a_co_facilitator_for_their_own_neighbourhood():
    facilitator = signed_in(person("facilitator-lazaro-cardenas"))
    form = facilitator.get(INVITE, headers=EN)
    assert form.status_code == 200
    # Only their own neighbourhood is offered, and no researcher role.
    assert "Lázaro Cárdenas" in page_text(form)
    assert "Sánchez Taboada" not in page_text(form)
    assert 'value="researcher"' not in form.content.decode()
    response = facilitator.post(
        INVITE, {"role": "facilitator", "neighbourhoods": [place().pk]}, headers=EN
    )
    assert response.status_code == 200
    assert accept(code_on(response), "co-facilitator").status_code == 302
    assert "co-facilitator" in facilitators_of("lazaro-cardenas")


def test_a_facilitator_cannot_invite_for_another_neighbourhood():
    facilitator = signed_in(person("facilitator-lazaro-cardenas"))
    before = snapshot()
    response = facilitator.post(
        INVITE,
        {"role": "facilitator", "neighbourhoods": [place().pk, place("sanchez-taboada").pk]},
        headers=EN,
    )
    assert response.status_code == 400
    assert "Nothing was saved" in page_text(response)
    assert "is not one of the available choices" in page_text(response)
    assert snapshot() == before
    # Nor a researcher.
    response = facilitator.post(INVITE, {"role": "researcher"}, headers=EN)
    assert response.status_code == 400
    assert snapshot() == before


def test_the_service_refuses_an_invitation_for_a_neighbourhood_not_ones_own():
    before = snapshot()
    with pytest.raises(services.PermissionDenied):
        invite("facilitator-lazaro-cardenas", places=("sanchez-taboada",))
    with pytest.raises(services.PermissionDenied):
        invite("facilitator-lazaro-cardenas", role="researcher")
    with pytest.raises(services.PermissionDenied):
        invite("researcher")
    assert snapshot() == before


@pytest.mark.parametrize("role", ["visitor", "resident", "researcher"])
def test_who_holds_no_facilitator_role_cannot_invite(client_for, role):
    response = client_for(role).post(
        INVITE, {"role": "facilitator", "neighbourhoods": [place().pk]}, headers=EN
    )
    assert response.status_code in (302, 403)
    assert not Invitation.objects.exists()


def test_a_facilitator_invitation_needs_a_neighbourhood():
    admin = signed_in(person("admin"))
    response = admin.post(INVITE, {"role": "facilitator"}, headers=EN)
    assert response.status_code == 400
    assert "Choose at least one neighbourhood." in page_text(response)
    assert not Invitation.objects.exists()


# --- accepting: what is refused ------------------------------------------------------------


def test_a_used_invitation_answers_a_clear_message_and_makes_nothing():
    _invitation, code = invite()
    assert accept(code, "first").status_code == 302
    before = snapshot()
    again = accept(code, "second")
    assert again.status_code == 410
    assert "already been used" in page_text(again)
    assert snapshot() == before
    assert Client().get(link_of(code), headers=EN, follow=True).status_code == 410


def test_an_expired_invitation_answers_a_clear_message_and_makes_nothing():
    invitation, code = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    before = snapshot()
    response = accept(code, "late")
    assert response.status_code == 410
    assert "This invitation has expired" in page_text(response)
    assert snapshot() == before


def test_invitations_expire_after_the_days_of_the_setting(settings):
    settings.INVITATION_DAYS = 2
    invitation, _code = invite()
    assert invitation.expires_at - invitation.created_at == timedelta(days=2)


def test_a_withdrawn_invitation_answers_a_clear_message_and_makes_nothing():
    invitation, code = invite()
    services.withdraw_invitation(invitation, by=person("admin"))
    before = snapshot()
    response = accept(code, "too-late")
    assert response.status_code == 410
    assert "withdrawn" in page_text(response)
    assert snapshot() == before


def test_a_weak_password_is_refused_with_the_reason_and_nothing_saved():
    _invitation, code = invite()
    before = snapshot()
    response = accept(code, "weak", password="12345678")
    assert response.status_code == 400
    text = page_text(response)
    assert "Nothing was saved" in text
    assert "This password is too common." in text
    assert "This password is entirely numeric." in text
    assert snapshot() == before
    # The invitation still works.
    assert accept(code, "strong").status_code == 302


def test_a_taken_username_is_refused_and_the_invitation_still_works():
    _invitation, code = invite()
    before = snapshot()
    response = accept(code, "Facilitator-Lazaro-Cardenas")
    assert response.status_code == 400
    assert "A user with that username already exists." in page_text(response)
    assert snapshot() == before
    with pytest.raises(services.Refused):
        services.accept_invitation(code=code, username="admin", password=GOOD_PASSWORD)
    assert snapshot() == before
    assert accept(code, "fresh-name").status_code == 302


def test_passwords_that_differ_are_refused():
    _invitation, code = invite()
    before = snapshot()
    client = Client()
    client.get(link_of(code))
    response = client.post(
        ACCEPT,
        {"username": "x-person", "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD + "!"},
        headers=EN,
    )
    assert response.status_code == 400
    assert snapshot() == before


def test_an_invitation_of_a_facilitator_removed_since_gives_nothing():
    invitation, code = invite("facilitator-lazaro-cardenas")
    membership = person("facilitator-lazaro-cardenas").memberships.get()
    services.remove_facilitator(by=person("admin"), membership=membership)
    before = snapshot()
    response = accept(code, "handed-on")
    assert response.status_code == 410
    assert "no longer facilitates" in page_text(response)
    assert snapshot() == before


# --- typing the code --------------------------------------------------------------------------


def test_the_code_typed_in_any_case_and_spacing_leads_to_the_invitation():
    _invitation, code = invite()
    typed = code.lower().replace("-", " ")
    response = Client().post("/invitation/", {"code": typed}, headers=EN)
    assert response.status_code == 302
    assert response["Location"] == ACCEPT
    assert "Accept an invitation" in page_text(Client().get(link_of(code), headers=EN, follow=True))


def test_wrong_codes_are_slowed_down_per_address_and_right_ones_never(settings):
    settings.INVITATION_RATE_PER_ADDRESS = "3/10m"
    _invitation, code = invite()
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        wrong = guesser.post("/invitation/", {"code": "AAAA-BBBB-CCCC"}, headers=EN)
        assert wrong.status_code == 400
        assert "No invitation has this code" in page_text(wrong)
    stopped = guesser.post("/invitation/", {"code": code}, headers=EN)
    assert stopped.status_code == 429
    assert "Too many wrong invitation codes" in page_text(stopped)
    # A wrong link counts too, from the same address.
    assert guesser.get("/invitation/AAAABBBBCCCC/", headers=EN, follow=True).status_code == 429
    # Another address is not held back.
    assert Client(REMOTE_ADDR=OTHER_ADDRESS).post("/invitation/", {"code": code}).status_code == 302


def test_right_codes_are_never_counted(settings):
    settings.INVITATION_RATE_PER_ADDRESS = "2/10m"
    hall = Client(REMOTE_ADDR="203.0.113.10")
    for n in range(4):
        _invitation, code = invite(note=f"n{n}")
        assert hall.post("/invitation/", {"code": code}).status_code == 302
        assert hall.get(link_of(code), follow=True).status_code == 200


def test_a_wrong_link_says_so_and_counts(settings):
    settings.INVITATION_RATE_PER_ADDRESS = "1/10m"
    guesser = Client(REMOTE_ADDR="203.0.113.11")
    response = guesser.get("/invitation/not-a-code/", headers=EN, follow=True)
    assert response.status_code == 404
    assert "No invitation has this link" in page_text(response)
    assert guesser.get("/invitation/not-a-code/", headers=EN, follow=True).status_code == 429


def test_the_code_is_never_in_an_address_that_is_logged(caplog):
    """Django logs the address of every refused request: the page that
    answers is never the one whose address holds the code."""
    _invitation, code = invite()
    with caplog.at_level("INFO"):
        assert accept(code, "weak-one", password="123").status_code == 400
        assert accept(code, "good-one").status_code == 302
        assert accept(code, "again").status_code == 410
    assert "/invitation/accept/" in caplog.text
    assert codes.normalise(code) not in caplog.text


# --- withdrawing ------------------------------------------------------------------------------


def test_the_inviting_facilitator_withdraws_their_invitation():
    invitation, _code = invite("facilitator-lazaro-cardenas")
    response = signed_in(person("facilitator-lazaro-cardenas")).post(
        f"/workspace/people/invitations/{invitation.pk}/withdraw/", headers=EN
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None


def test_an_administrator_withdraws_anyones_invitation():
    invitation, _code = invite("facilitator-lazaro-cardenas")
    signed_in(person("admin")).post(f"/workspace/people/invitations/{invitation.pk}/withdraw/")
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None


def test_another_facilitator_cannot_withdraw_an_invitation(make_person):
    invitation, _code = invite("facilitator-lazaro-cardenas")
    colleague = make_person("colleague", role="facilitator", neighbourhood="lazaro-cardenas")
    before = snapshot()
    url = f"/workspace/people/invitations/{invitation.pk}/withdraw/"
    assert signed_in(colleague).post(url).status_code == 404
    assert signed_in(person("facilitator-sanchez-taboada")).post(url).status_code == 404
    with pytest.raises(services.PermissionDenied):
        services.withdraw_invitation(invitation, by=colleague)
    assert snapshot() == before


def test_a_used_invitation_cannot_be_withdrawn():
    invitation, code = invite()
    accept(code, "in-already")
    admin = signed_in(person("admin"))
    before = snapshot()
    response = admin.post(
        f"/workspace/people/invitations/{invitation.pk}/withdraw/", headers=EN, follow=True
    )
    assert "already used or withdrawn" in page_text(response)
    assert snapshot() == before
    assert User.objects.filter(username="in-already").exists()
