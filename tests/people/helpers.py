"""What the people tests share: the demo's places and people, an invitation
made as on the site, and accepting one."""

from django.contrib.auth import get_user_model
from django.test import Client

from communities.models import Membership, Neighbourhood
from people import services
from people.codes import normalise
from people.models import Invitation, PeopleEvent
from tests.helpers import EN

User = get_user_model()
PEOPLE = "/workspace/people/"
INVITE = "/workspace/people/invite/"
GOOD_PASSWORD = "lantern-quiet-river-93"
OTHER_ADDRESS = "198.51.100.23"


def place(slug="lazaro-cardenas"):
    return Neighbourhood.objects.get(slug=slug)


def person(username):
    return User.objects.get(username=username)


def facilitators_of(slug):
    return set(
        Membership.objects.filter(
            neighbourhood__slug=slug, role=Membership.Role.FACILITATOR
        ).values_list("user__username", flat=True)
    )


def invite(by="admin", *, role="facilitator", places=("lazaro-cardenas",), note="Ana"):
    """An invitation made through the service: (invitation, code)."""
    issued = services.invite(
        by=person(by),
        role=role,
        neighbourhoods=[place(slug) for slug in places] if role == "facilitator" else [],
        note=note,
    )
    return issued.invitation, issued.code


def link_of(code):
    return f"/invitation/{normalise(code)}/"


ACCEPT = "/invitation/accept/"


def accept(code, username="new-facilitator", password=GOOD_PASSWORD, *, client=None, **headers):
    """Open the invitation's link, then choose a username and password."""
    client = client or Client()
    assert client.get(link_of(code))["Location"] == ACCEPT
    return client.post(
        ACCEPT,
        {"username": username, "password1": password, "password2": password},
        headers=headers or EN,
    )


def snapshot():
    """Everything an invitation, a role or a reset link can change."""
    return (
        User.objects.count(),
        Membership.objects.count(),
        list(Invitation.objects.values_list("pk", "used_at", "withdrawn_at", "person_id")),
        PeopleEvent.objects.count(),
        User.objects.filter(is_researcher=True).count(),
    )
