"""Reloading the page that shows a new invitation sends its form again: it
makes no second invitation, and says where the first one waits."""

import re

import pytest

from people.models import Invitation
from tests.helpers import EN
from tests.people.helpers import INVITE, place

pytestmark = pytest.mark.django_db


def test_the_form_sent_twice_makes_one_invitation(client_for):
    admin = client_for("admin")
    form = admin.get(INVITE, headers=EN).content.decode()
    mark = re.search(r'name="sending" value="([^"]+)"', form).group(1)
    data = {"role": "facilitator", "neighbourhoods": [place().pk], "sending": mark}
    before = Invitation.objects.count()
    made = admin.post(INVITE, data, headers=EN)
    assert made.status_code == 200 and "Invitation made" in made.content.decode()
    again = admin.post(INVITE, data, headers=EN, follow=True)
    assert "That invitation was already made" in again.content.decode()
    assert Invitation.objects.count() == before + 1
