"""A resident sees what the site holds about them, downloads it, and
deletes it.

The download holds exactly their data and nobody else's; deleting removes
the profile, its groups, comments, suggestions and supports, leaves ballots
counted, keeps in the history that a suggestion was accepted without the
pseudonym, and signs them out. Nobody but a pseudonymous resident has such
a page: a facilitator's account is never deleted this way.
"""

import json
from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.formats import date_format

from agendas.models import Agenda, Issue
from communities.models import Membership, ParticipantGroup
from editing import suggestions as editing
from editing.models import Comment, Suggestion, Support
from proposals.models import Proposal
from residents.models import ResidentProfile
from tests.helpers import EN, page_queries, signed_in
from voting.models import Ballot, Participation, VotingRound
from voting.selectors import count_votes
from voting.services import cast_ballot

from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def agenda():
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")
    return Agenda.objects.get(slug="lazaro-cardenas")


def public_issue(agenda, n=0):
    return Issue.objects.filter(agenda=agenda, kind="prioritised", visibility="public")[n]


def take_part(user, agenda, word):
    """A resident who said a group, commented, suggested, supported and voted."""
    profile, _created = ResidentProfile.objects.get_or_create(user=user)
    profile.groups.set([ParticipantGroup.objects.get(slug="women")])
    issue, proposal = public_issue(agenda), Proposal.objects.filter(agenda=agenda).first()
    editing.comment(user, "issue", issue, f"comment of {word}")
    editing.comment(user, "proposal", proposal, f"proposal comment of {word}")
    suggestion = editing.suggest(user, "issue", issue, "title_en", f"Wording of {word}", "Why")
    editing.support(user, proposal)
    return suggestion


@pytest.fixture
def two_residents(make_person, agenda):
    mine = make_person("resident-mine", role="resident", neighbourhood="lazaro-cardenas")
    theirs = make_person("resident-theirs", role="resident", neighbourhood="lazaro-cardenas")
    take_part(mine, agenda, "mine")
    take_part(theirs, agenda, "theirs")
    return mine, theirs


def test_my_data_lists_what_the_site_holds(two_residents):
    mine, _theirs = two_residents
    text = page_text(signed_in(mine).get("/my-data/", headers=EN))
    for expected in [
        "resident-mine",
        "Lázaro Cárdenas",
        "Women",
        "comment of mine",
        "Wording of mine",
        "2 comments",
        "1 suggested wording",
        "1 proposal you support",
    ]:
        assert expected in text, expected
    assert "theirs" not in text
    # Dates as Mexico writes them on the page; ISO 8601 in the download.
    with translation.override("es"):
        joined = date_format(timezone.localtime(mine.date_joined), "DATE_FORMAT")
    assert " de " in joined
    assert joined in page_text(signed_in(mine).get("/my-data/", headers={"accept-language": "es"}))


def test_the_menu_links_my_data_for_residents_only(client_for, two_residents):
    mine, _theirs = two_residents
    assert 'href="/my-data/"' in signed_in(mine).get("/", headers=EN).content.decode()
    for role in ["visitor", "facilitator", "researcher", "admin"]:
        assert 'href="/my-data/"' not in client_for(role).get("/").content.decode(), role


@pytest.mark.parametrize("path", ["/my-data/", "/my-data/download/", "/my-data/delete/"])
def test_only_a_pseudonymous_resident_has_a_data_page(client_for, path):
    assert client_for("visitor").get(path).status_code == 302  # to sign in
    for role in ["facilitator", "other_facilitator", "researcher", "admin"]:
        assert client_for(role).get(path).status_code == 403, role
        assert client_for(role).post(path).status_code in (403, 405), role
    assert User.objects.filter(username="facilitator-lazaro-cardenas").exists()


def test_the_download_holds_exactly_the_residents_data(two_residents):
    mine, _theirs = two_residents
    response = signed_in(mine).get("/my-data/download/", headers=EN)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["pseudonym"] == "resident-mine"
    assert datetime.fromisoformat(data["joined"]) == mine.date_joined
    assert data["neighbourhoods"] == ["Lázaro Cárdenas"]
    assert data["groups"] == [{"name": "Women", "sensitive": False}]
    assert sorted(c["text"] for c in data["comments"]) == [
        "comment of mine",
        "proposal comment of mine",
    ]
    assert [s["text"] for s in data["suggestions"]] == ["Wording of mine"]
    assert len(data["supports"]) == 1
    assert "theirs" not in response.content.decode()
    assert set(data) == {
        "pseudonym", "joined", "neighbourhoods", "groups", "notice_version_read",
        "consent_given_at", "consent_notice_version", "comments", "suggestions",
        "supports", "rounds_voted",
    }  # fmt: skip


def test_an_item_restricted_since_is_not_named_in_the_download(two_residents, agenda):
    mine, _theirs = two_residents
    issue = public_issue(agenda)
    Issue.objects.filter(pk=issue.pk).update(visibility="restricted")
    for path in ["/my-data/download/", "/my-data/"]:
        body = signed_in(mine).get(path, headers=EN).content.decode()
        assert issue.title_en not in body, path
        assert "an item you can no longer see" in body
        assert "comment of mine" in body  # what they wrote is still theirs to see


def test_delete_asks_first_and_changes_nothing_until_confirmed(two_residents):
    mine, _theirs = two_residents
    page = signed_in(mine).get("/my-data/delete/", headers=EN)
    assert page.status_code == 200
    assert 'method="post" action="/my-data/delete/"' in page.content.decode()
    assert "Yes, delete my data" in page_text(page)
    assert User.objects.filter(pk=mine.pk).exists()
    assert Comment.objects.filter(author=mine).count() == 2


def test_deleting_removes_every_listed_thing_and_keeps_ballots_counted(
    two_residents, agenda, demo_users
):
    mine, theirs = two_residents
    round = VotingRound.objects.create(agenda=agenda, method="approval")
    issue = round.ballot_issues().first()
    cast_ballot(round, mine, {issue.pk: 1})
    cast_ballot(round, theirs, {issue.pk: 1})
    suggestion = Suggestion.objects.get(author=mine)
    target = Issue.objects.get(pk=suggestion.issue_id)
    editing.accept(suggestion, demo_users["facilitator"], target.revision)
    profile_pk = mine.resident_profile.pk
    client = signed_in(mine)

    response = client.post("/my-data/delete/", headers=EN)

    assert response.status_code == 302 and response["Location"] == "/"
    assert not User.objects.filter(pk=mine.pk).exists()
    assert not ResidentProfile.objects.filter(pk=profile_pk).exists()
    assert not ResidentProfile.groups.through.objects.filter(residentprofile_id=profile_pk).exists()
    assert not Membership.objects.filter(user_id=mine.pk).exists()
    assert not Comment.objects.filter(author_id=mine.pk).exists()
    assert not Suggestion.objects.filter(author_id=mine.pk).exists()
    assert not Support.objects.filter(user_id=mine.pk).exists()
    assert not Participation.objects.filter(voter_id=mine.pk).exists()
    # The other resident keeps everything.
    assert Comment.objects.filter(author=theirs).count() == 2
    assert Support.objects.filter(user=theirs).count() == 1
    # Both ballots are still counted.
    assert Ballot.objects.filter(round=round).count() == 2
    assert next(r.online for r in count_votes(round).issues if r.issue.pk == issue.pk) == 2
    # The history keeps the accepted wording, without the pseudonym.
    history = page_text(
        signed_in(demo_users["facilitator"]).get(
            f"/workspace/issues/{target.pk}/history/", headers=EN
        )
    )
    assert "Suggested by a resident" in history
    assert "resident-mine" not in history
    target.refresh_from_db()
    assert target.title_en == "Wording of mine"
    # Signed out: the page now asks to sign in.
    assert client.get("/my-data/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_service_refuses_to_delete_anyone_but_a_resident(demo_users):
    from django.core.exceptions import PermissionDenied

    from privacy.services import delete_resident

    for role in ["facilitator", "researcher", "admin"]:
        with pytest.raises(PermissionDenied):
            delete_resident(demo_users[role])
        assert User.objects.filter(pk=demo_users[role].pk).exists()


def test_my_data_pages_cost_the_same_at_ten_times_the_data(make_person, agenda):
    resident = make_person("resident-busy", role="resident", neighbourhood="lazaro-cardenas")
    client = signed_in(resident)

    def grow(times):
        for n in range(times):
            issue = public_issue(agenda, n % 3)
            editing.comment(resident, "issue", issue, f"c {n}")
            editing.suggest(resident, "issue", issue, "title_en", f"w {n}", "r")
            round = VotingRound.objects.create(agenda=agenda, method="approval")
            cast_ballot(round, resident, {round.ballot_issues().first().pk: 1})
        for proposal in Proposal.objects.filter(agenda=agenda)[:times]:
            editing.support(resident, proposal)

    grow(1)
    paths = ["/my-data/", "/my-data/download/", "/my-data/delete/"]
    before = {path: page_queries(client, path)[0] for path in paths}
    grow(10)
    after = {path: page_queries(client, path)[0] for path in paths}
    assert after == before


def test_the_rule_and_its_queryset_twin_agree(demo_users, make_person):
    from access.rules import can_hold_own_data, own_data_holders_filter

    make_person("resident-and-facilitator", role="resident", neighbourhood="lazaro-cardenas")
    both = User.objects.get(username="resident-and-facilitator")
    Membership.objects.create(
        user=both,
        neighbourhood=demo_users["other_facilitator"].memberships.get().neighbourhood,
        role="facilitator",
    )
    staff = make_person("resident-staff", role="resident", neighbourhood="lazaro-cardenas")
    User.objects.filter(pk=staff.pk).update(is_staff=True)
    holders = set(User.objects.filter(own_data_holders_filter()).values_list("pk", flat=True))
    for user in User.objects.all():
        assert can_hold_own_data.test(user, None) == (user.pk in holders), user.username
    assert holders == {demo_users["resident"].pk}
