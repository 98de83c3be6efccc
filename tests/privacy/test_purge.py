"""`manage.py purge_residents`: residents are kept until
RESIDENT_RETENTION_DAYS after their neighbourhood's cycle closed (its local
agenda published), then deleted by the same function as "delete my data".
A dry run deletes nothing and says who would go.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from agendas.models import Agenda
from communities.models import Membership
from editing.models import Comment
from privacy.retention import closed_cycles, purge_residents, residents_to_purge

pytestmark = pytest.mark.django_db
User = get_user_model()
LATER = timezone.now() + timedelta(days=400)  # well past the demo's publication


@pytest.fixture
def people(make_person):
    """Residents in Lázaro Cárdenas (closed cycle) and Sánchez Taboada
    (moved back to draft: a new cycle is open)."""
    Agenda.objects.filter(slug="sanchez-taboada").update(status="draft")
    people = {
        "closed": make_person("resident-closed", role="resident", neighbourhood="lazaro-cardenas"),
        "open": make_person("resident-open", role="resident", neighbourhood="sanchez-taboada"),
    }
    # Both took part before the agendas were published.
    User.objects.filter(pk__in=[p.pk for p in people.values()]).update(
        date_joined=timezone.now() - timedelta(days=60)
    )
    return people


def usernames(expired):
    return {item.resident.get_username() for item in expired}


def test_a_cycle_is_closed_when_the_local_agenda_is_published(people):
    closed = closed_cycles()
    lazaro = Agenda.objects.get(slug="lazaro-cardenas")
    sanchez = Agenda.objects.get(slug="sanchez-taboada")
    assert closed[lazaro.neighbourhood_id] == lazaro.versions.order_by("-number")[0].published_at
    assert sanchez.neighbourhood_id not in closed


def test_nobody_is_purged_before_the_retention_days_have_passed(people, settings):
    settings.RESIDENT_RETENTION_DAYS = 30
    assert residents_to_purge() == []
    assert residents_to_purge(now=timezone.now() + timedelta(days=29)) == []
    assert "resident-closed" in usernames(
        residents_to_purge(now=timezone.now() + timedelta(days=31))
    )


def test_the_purge_deletes_only_residents_of_long_closed_cycles(people, make_person, demo_users):
    # Joined after the cycle closed: belongs to the next one.
    newcomer = make_person("resident-newcomer", role="resident", neighbourhood="lazaro-cardenas")
    User.objects.filter(pk=newcomer.pk).update(date_joined=timezone.now() + timedelta(days=1))
    # A resident of a closed and an open neighbourhood is still taking part.
    both = make_person("resident-both", role="resident", neighbourhood="lazaro-cardenas")
    Membership.objects.create(
        user=both, neighbourhood=people["open"].memberships.get().neighbourhood, role="resident"
    )
    # Also a facilitator somewhere: their account is not a resident's to purge.
    facilitator = make_person(
        "resident-facilitating", role="resident", neighbourhood="lazaro-cardenas"
    )
    Membership.objects.create(
        user=facilitator,
        neighbourhood=people["open"].memberships.get().neighbourhood,
        role="facilitator",
    )
    User.objects.filter(pk__in=[both.pk, facilitator.pk]).update(
        date_joined=timezone.now() - timedelta(days=60)
    )
    expected = {"resident-closed", "resident-lazaro-cardenas"}  # the demo's resident too

    deleted = purge_residents(days=180, now=LATER)

    assert usernames(deleted) == expected
    assert not User.objects.filter(username__in=expected).exists()
    for kept in ["resident-open", "resident-newcomer", "resident-both", "resident-facilitating"]:
        assert User.objects.filter(username=kept).exists(), kept
    for role in ["facilitator", "other_facilitator", "researcher", "admin"]:
        assert User.objects.filter(pk=demo_users[role].pk).exists(), role


def test_the_dry_run_deletes_nothing_and_says_who(people):
    Comment.objects.create(
        agenda=Agenda.objects.get(slug="lazaro-cardenas"),
        issue=Agenda.objects.get(slug="lazaro-cardenas").issues.filter(visibility="public")[0],
        author=people["closed"],
        text="kept on a dry run",
    )
    users, comments = User.objects.count(), Comment.objects.count()
    out = StringIO()
    call_command("purge_residents", "--dry-run", "--days", "0", stdout=out)
    assert "resident-closed: Lázaro Cárdenas (cycle closed " in out.getvalue()
    assert "resident-open" not in out.getvalue()
    assert "Would delete" in out.getvalue()
    assert (User.objects.count(), Comment.objects.count()) == (users, comments)


def test_the_command_deletes_and_counts(people):
    out = StringIO()
    call_command("purge_residents", "--days", "0", stdout=out)
    assert not User.objects.filter(username="resident-closed").exists()
    assert User.objects.filter(username="resident-open").exists()
    assert "Deleted" in out.getvalue()


def test_the_command_refuses_negative_days():
    with pytest.raises(CommandError):
        call_command("purge_residents", "--days", "-1", stdout=StringIO())
