"""Consent before the sensitive question on ethnic origin (LFPDPPP).

Which groups are sensitive is data (residents.SensitiveGroup). Before a
resident gives express consent — recorded with its date and the privacy
notice's version — the question is not on the page and an answer to it is
not stored. "I prefer not to say" and skipping are always possible, and
withdrawing consent deletes the answers, from the profile and the ballots.
"""

import re

import pytest
from django.test import Client

from agendas.models import Agenda
from communities.models import ParticipantGroup
from pages.privacy import current_notice
from residents.models import ResidentProfile, SensitiveGroup
from tests.helpers import EN, ES
from voting.models import Ballot, BallotGroup, VotingRound
from voting.services import cast_ballot

pytestmark = pytest.mark.django_db


def group(slug):
    return ParticipantGroup.objects.get(slug=slug)


@pytest.fixture
def resident(make_person):
    return make_person("resident-consent", role="resident", neighbourhood="lazaro-cardenas")


@pytest.fixture
def browser(resident):
    client = Client()
    client.force_login(resident)
    return client


def profile(user):
    return ResidentProfile.objects.get_or_create(user=user)[0]


def offered(response):
    """The group ids the page's checkboxes offer."""
    inputs = re.findall(r"<input[^>]*>", response.content.decode())
    return {
        int(re.search(r'value="(\d+)"', tag).group(1))
        for tag in inputs
        if re.search(r'name="(groups|origin)"', tag)
    }


def consent(browser):
    return browser.post("/join/about-you/consent/", {"agree": "on"}, headers=EN)


def test_the_demo_marks_ethnic_origin_as_sensitive():
    assert set(SensitiveGroup.objects.values_list("group__slug", flat=True)) == {
        "indigenous",
        "afro-descendant",
    }


def test_the_sensitive_question_is_not_asked_before_consent(browser):
    response = browser.get("/join/about-you/", headers=EN)
    assert response.status_code == 200
    assert group("indigenous").pk not in offered(response)
    assert group("afro-descendant").pk not in offered(response)
    assert group("women").pk in offered(response)
    assert 'name="origin"' not in response.content.decode()
    # What is asked is said, and consent is asked for first.
    assert 'action="/join/about-you/consent/"' in response.content.decode()


def test_an_answer_posted_without_consent_stores_nothing(browser, resident):
    # A sensitive group among the ordinary ones: refused whole.
    response = browser.post(
        "/join/about-you/", {"groups": [group("women").pk, group("indigenous").pk]}, headers=EN
    )
    assert response.status_code == 400
    assert not profile(resident).groups.exists()
    # The question's own field, sent anyway: it is not part of the form, so ignored.
    browser.post(
        "/join/about-you/",
        {"groups": [group("women").pk], "origin": [group("indigenous").pk]},
        headers=EN,
    )
    assert set(profile(resident).groups.values_list("slug", flat=True)) == {"women"}
    assert profile(resident).consent_given_at is None


def test_a_refused_answer_changes_nothing_and_says_why(browser, resident):
    profile(resident).groups.set([group("youths")])
    response = browser.post(
        "/join/about-you/", {"groups": [group("women").pk, group("indigenous").pk]}, headers=ES
    )
    assert response.status_code == 400
    assert "Elija entre los grupos de la lista." in response.content.decode()
    assert list(profile(resident).groups.values_list("slug", flat=True)) == ["youths"]


def test_the_service_refuses_a_sensitive_group_without_consent(resident):
    from django.core.exceptions import ValidationError

    from residents.consent import save_groups

    with pytest.raises(ValidationError):
        save_groups(profile(resident), [group("women"), group("indigenous")])
    assert not profile(resident).groups.exists()


def test_consent_needs_the_box_ticked(browser, resident):
    response = browser.post("/join/about-you/consent/", {}, headers=EN)
    assert response.status_code == 400
    assert "Tick the box to give your consent, or skip the question." in response.content.decode()
    assert profile(resident).consent_given_at is None


def test_consent_is_recorded_with_its_date_and_the_notice_version(browser, resident):
    response = consent(browser)
    assert response.status_code == 302
    mine = profile(resident)
    assert mine.consent_given_at is not None
    assert mine.consent_notice_version == current_notice().version
    page = browser.get("/join/about-you/", headers=EN)
    assert group("indigenous").pk in offered(page)
    assert "I prefer not to say" in page.content.decode()
    response = browser.post(
        "/join/about-you/",
        {"groups": [group("women").pk], "origin": [group("indigenous").pk]},
        headers=EN,
    )
    assert response.status_code == 302
    assert set(profile(resident).groups.values_list("slug", flat=True)) == {"women", "indigenous"}


def test_prefer_not_to_say_stores_no_sensitive_answer(browser, resident):
    consent(browser)
    browser.post(
        "/join/about-you/",
        {"groups": [group("women").pk], "prefer_not_to_say": "on"},
        headers=EN,
    )
    assert set(profile(resident).groups.values_list("slug", flat=True)) == {"women"}
    # Both at once is a contradiction: refused, nothing changes.
    response = browser.post(
        "/join/about-you/",
        {"origin": [group("indigenous").pk], "prefer_not_to_say": "on"},
        headers=EN,
    )
    assert response.status_code == 400
    assert set(profile(resident).groups.values_list("slug", flat=True)) == {"women"}


def test_skipping_is_always_offered(browser):
    for _step in range(2):
        page = browser.get("/join/about-you/", headers=EN).content.decode()
        assert 'href="/vote/"' in page and ">Skip<" in page
        consent(browser)


def test_withdrawing_consent_deletes_the_answers_from_profile_and_ballots(browser, resident):
    consent(browser)
    browser.post(
        "/join/about-you/",
        {"groups": [group("women").pk], "origin": [group("indigenous").pk]},
    )
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    round = VotingRound.objects.create(agenda=agenda, method="approval")
    issue = round.ballot_issues().first()
    cast_ballot(round, resident, {issue.pk: 1})
    ballot_groups = BallotGroup.objects.filter(ballot__round=round)
    assert set(ballot_groups.values_list("group__slug", flat=True)) == {"women", "indigenous"}

    response = browser.post("/my-data/consent/withdraw/", headers=EN)
    assert response.status_code == 302
    mine = profile(resident)
    assert mine.consent_given_at is None and mine.consent_notice_version is None
    assert set(mine.groups.values_list("slug", flat=True)) == {"women"}
    assert set(ballot_groups.values_list("group__slug", flat=True)) == {"women"}
    assert Ballot.objects.filter(round=round).count() == 1  # still counted
    # And the question is gone again until consent is given anew.
    assert group("indigenous").pk not in offered(browser.get("/join/about-you/"))


def test_which_groups_are_sensitive_is_data(browser):
    SensitiveGroup.objects.filter(group=group("indigenous")).delete()
    SensitiveGroup.objects.create(group=group("women"))
    page = browser.get("/join/about-you/")
    assert group("indigenous").pk in offered(page)
    assert group("women").pk not in offered(page)
