"""Changing a secret loses nothing: with SECRET_KEY replaced (the old one in
SECRET_KEY_FALLBACKS), or the codes' or ballots' own secret replaced (the
old one in its _FALLBACKS), a printed code still lets its resident in, an
invitation still makes its account, a resident's ballot is still replaced
rather than doubled, a receipt still finds its ballot and a signed-in person
stays signed in. Without the fallback the old code is refused: the fallback
is what keeps it."""

import pytest
from django.test import override_settings

from people import services as people_services
from people.models import Invitation
from residents import services as code_services
from residents.models import ParticipantCode
from tests.helpers import EN, count_queries, signed_in
from tests.pages.helpers import page_text
from tests.people.helpers import accept, invite, person
from tests.people.test_reset_links import use
from tests.residents.helpers import REFUSED, issue, join
from tests.voting import cast, check_receipt, open_round, receipt_of, resident_with_code
from voting import selectors
from voting.models import Ballot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_attempt_counts")]

OLD_KEY = "old-secret-key-" + "o" * 40
NEW_KEY = "new-secret-key-" + "n" * 40
# As in production: each hash has a secret of its own.
OWN_SECRETS = {"CODE_SECRET": "codes-" + "c" * 40, "BALLOT_SECRET": "ballots-" + "b" * 40}


@pytest.fixture
def no_attempt_counts():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def rotated(**changes):
    """Settings after SECRET_KEY was replaced, the old one kept as a fallback."""
    return override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[OLD_KEY], **changes)


# --- SECRET_KEY replaced ------------------------------------------------------------------


@pytest.mark.parametrize("own_secrets", [False, True], ids=["derived-secrets", "own-secrets"])
def test_replacing_the_secret_key_keeps_codes_invitations_ballots_and_sessions(own_secrets):
    secrets = OWN_SECRETS if own_secrets else {"CODE_SECRET": "", "BALLOT_SECRET": ""}
    with override_settings(SECRET_KEY=OLD_KEY, SECRET_KEY_FALLBACKS=[], **secrets):
        code = issue(count=1).codes[0][1]
        _invitation, invitation_code = invite(note="Ana")
        round = open_round()
        resident = resident_with_code()
        voter = signed_in(resident)
        issues = list(round.ballot_issues())
        first = receipt_of(cast(voter, round, {issues[0]: 1}))
        staff = signed_in(person("facilitator-lazaro-cardenas"))
        assert staff.get("/workspace/", headers=EN).status_code == 200
        reset_link = people_services.make_reset_link(
            by=person("admin"), person=person("researcher")
        )

    with rotated(**secrets):
        # A code printed before the change still lets its resident in.
        assert join(code)["Location"] == "/join/about-you/"
        # An invitation made before it still makes its account.
        assert accept(invitation_code, "ana-facilitadora").status_code == 302
        assert Invitation.objects.get().person == person("ana-facilitadora")
        # The receipt still finds its ballot…
        checked = check_receipt(voter, round, first)
        assert checked.status_code == 200, page_text(checked)
        assert "Your ballot" in page_text(checked)
        # …and voting again replaces it, under the key of now.
        second = receipt_of(cast(voter, round, {issues[1]: 2}))
        assert Ballot.objects.filter(round=round).count() == 1
        assert check_receipt(voter, round, second).status_code == 200
        # Sessions and password-reset links are Django's own: kept by
        # SECRET_KEY_FALLBACKS.
        assert staff.get("/workspace/", headers=EN).status_code == 200
        assert use(reset_link).status_code == 302


def test_without_the_old_secret_key_among_the_fallbacks_sessions_and_reset_links_end():
    """What the test above relies on: sessions and reset links are checked
    against SECRET_KEY, and only the fallbacks keep the old ones."""
    with override_settings(SECRET_KEY=OLD_KEY, SECRET_KEY_FALLBACKS=[]):
        staff = signed_in(person("facilitator-lazaro-cardenas"))
        reset_link = people_services.make_reset_link(
            by=person("admin"), person=person("researcher")
        )
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[]):
        assert staff.get("/workspace/", headers=EN).status_code == 302
        assert use(reset_link).status_code != 302


def test_with_secrets_of_their_own_replacing_the_secret_key_needs_no_fallback_for_codes():
    with override_settings(SECRET_KEY=OLD_KEY, **OWN_SECRETS):
        code = issue(count=1).codes[0][1]
    with override_settings(SECRET_KEY=NEW_KEY, SECRET_KEY_FALLBACKS=[], **OWN_SECRETS):
        assert join(code)["Location"] == "/join/about-you/"


# --- the codes' and the ballots' secrets replaced -----------------------------------------


def test_a_code_made_with_the_old_code_secret_redeems_while_it_is_a_fallback():
    with override_settings(CODE_SECRET="first-" + "1" * 40):
        code = issue(count=1).codes[0][1]
        _invitation, invitation_code = invite(note="Ana")
    with override_settings(
        CODE_SECRET="second-" + "2" * 40, CODE_SECRET_FALLBACKS=["first-" + "1" * 40]
    ):
        assert join(code)["Location"] == "/join/about-you/"
        assert accept(invitation_code, "ana-facilitadora").status_code == 302


def test_a_code_made_with_the_old_code_secret_is_refused_once_it_is_dropped():
    with override_settings(CODE_SECRET="first-" + "1" * 40):
        code = issue(count=1).codes[0][1]
        _invitation, invitation_code = invite(note="Ana")
    with override_settings(CODE_SECRET="second-" + "2" * 40, CODE_SECRET_FALLBACKS=[]):
        response = join(code)
        assert response.status_code == 400
        assert REFUSED["en"] in page_text(response)
        assert not ParticipantCode.objects.filter(used_at__isnull=False).exists()
        assert people_services.find_invitation(invitation_code) is None


def test_a_ballot_keyed_with_the_old_ballot_secret_is_found_while_it_is_a_fallback():
    old, new = "ballots-one-" + "1" * 40, "ballots-two-" + "2" * 40
    with override_settings(BALLOT_SECRET=old):
        round = open_round()
        voter = signed_in(resident_with_code())
        issues = list(round.ballot_issues())
        receipt = receipt_of(cast(voter, round, {issues[0]: 1}))

    with override_settings(BALLOT_SECRET=new, BALLOT_SECRET_FALLBACKS=[]):
        assert check_receipt(voter, round, receipt).status_code == 400
    with override_settings(BALLOT_SECRET=new, BALLOT_SECRET_FALLBACKS=[old]):
        assert check_receipt(voter, round, receipt).status_code == 200
        cast(voter, round, {issues[1]: 1})
        assert Ballot.objects.filter(round=round).count() == 1


def test_looking_up_under_every_secret_is_one_query():
    fallbacks = ["older-" + "1" * 40, "oldest-" + "2" * 40]
    with override_settings(CODE_SECRET="now-" + "3" * 40, CODE_SECRET_FALLBACKS=fallbacks):
        code = issue(count=1).codes[0][1]
        assert count_queries(lambda: code_services.find_batch(code)) == 1
    with override_settings(BALLOT_SECRET="now-" + "3" * 40, BALLOT_SECRET_FALLBACKS=fallbacks):
        round = open_round()
        resident = resident_with_code()
        assert (
            count_queries(
                lambda: selectors.ballot_for_receipt(round, "AAAA-BBBB-CCCC", user=resident)
            )
            == 1
        )
