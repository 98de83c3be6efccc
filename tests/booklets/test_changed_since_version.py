"""The cover says when the text printed has changed since its published
version; a public document says so only of what the public may read, so
that work on a restricted issue never shows through."""

import pytest
from django.contrib.auth.models import AnonymousUser

from agendas.models import Agenda, Issue
from booklets.rendering import booklet_html
from communities.models import SecurityDimension

pytestmark = pytest.mark.django_db

NOTE = "changed since that"  # (its last two words are bound by a no-break space)


def cover(agenda, user, edition):
    html = booklet_html(agenda, user=user, edition=edition, language="en", paper="a4")
    return html.split('<section class="cover', 1)[1].split("</section>", 1)[0]


def test_a_restricted_issue_added_after_publication_changes_only_the_internal_cover(
    demo_users,
):
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    assert NOTE not in cover(agenda, AnonymousUser(), "public")
    Issue.objects.create(
        agenda=agenda,
        title_en="Something the team may not publish",
        dimension=SecurityDimension.objects.order_by("order").first(),
        kind=Issue.Kind.PRIORITISED,
        visibility=Issue.Visibility.RESTRICTED,
    )
    agenda.refresh_from_db()
    assert NOTE not in cover(agenda, AnonymousUser(), "public")
    assert NOTE in cover(agenda, demo_users["facilitator"], "internal")


def test_a_public_edit_after_publication_shows_on_the_public_cover():
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    issue = agenda.issues.filter(visibility=Issue.Visibility.PUBLIC).first()
    issue.title_en += " (reworded)"
    issue.save()
    agenda.refresh_from_db()
    assert NOTE in cover(agenda, AnonymousUser(), "public")
