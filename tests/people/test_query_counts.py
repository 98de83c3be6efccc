"""The people page makes the same number of SQL queries whatever the number
of facilitators, invitations and changes: ten times as many cost nothing
more, for an administrator and for a facilitator."""

import pytest

from communities.models import Membership
from people import services
from tests.factories import MembershipFactory, NeighbourhoodFactory
from tests.helpers import EN, page_queries, signed_in

from .helpers import PEOPLE, invite, person, place

pytestmark = pytest.mark.django_db

TIMES = 10


def grow(times):
    """`times` more of everything the page lists, in the facilitator's
    neighbourhood and elsewhere."""
    for n in range(times):
        MembershipFactory(neighbourhood=place(), role=Membership.Role.FACILITATOR)
        MembershipFactory(neighbourhood=NeighbourhoodFactory(), role=Membership.Role.FACILITATOR)
        invite("facilitator-lazaro-cardenas", note=f"co-{n}")
        invite(places=("lazaro-cardenas", "sanchez-taboada"), note=f"admin-{n}")
        invite(role="researcher", note=f"researcher-{n}")
        services.make_reset_link(by=person("admin"), person=person("researcher"))


@pytest.mark.parametrize("username", ["admin", "facilitator-lazaro-cardenas"])
def test_the_people_page_costs_the_same_with_ten_times_the_people(username):
    grow(1)
    client = signed_in(person(username))
    first, _response = page_queries(client, PEOPLE, headers=EN)
    grow(TIMES)
    then, response = page_queries(client, PEOPLE, headers=EN)
    assert "co-5" in response.content.decode()
    assert then == first
