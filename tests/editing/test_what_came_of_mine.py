"""A resident reads what came of their own suggestions and comments (accepted,
declined with the reason, waiting; published or hidden), with their dates,
in their language, on a page of their own linked from their navigation;
never anyone else's, and never the name of an item they may no longer see."""

from datetime import UTC, datetime

import pytest

from agendas.models import Agenda, Issue
from editing import suggestions
from editing.models import Comment, Suggestion
from proposals.models import Proposal
from tests.helpers import EN, ES, page_queries, signed_in
from tests.pages.helpers import page_text

pytestmark = pytest.mark.django_db

URL = "/my-suggestions/"


@pytest.fixture
def consultation():
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")


def public_issues():
    return list(
        Issue.objects.filter(
            agenda__slug="lazaro-cardenas", kind="prioritised", visibility="public"
        ).order_by("order", "pk")
    )


def a_proposal():
    return Proposal.objects.filter(agenda__slug="lazaro-cardenas").order_by("pk").first()


def on(day):
    return datetime(2026, 3, day, 15, tzinfo=UTC)


def three_suggestions(resident, facilitator, issue):
    """One accepted, one declined with a reason, one waiting."""
    accepted = suggestions.suggest(
        resident, "issue", issue, "title_en", issue.title_en + " at night", "Clearer"
    )
    suggestions.accept(accepted, facilitator, issue.revision)
    declined = suggestions.suggest(
        resident, "issue", issue, "description_es", "Otra descripción", "Más corta"
    )
    suggestions.decline(declined, facilitator, "The workshop chose these words")
    waiting = suggestions.suggest(resident, "issue", issue, "title_es", "Otro título", "Breve")
    Suggestion.objects.filter(pk=accepted.pk).update(created_at=on(2), decided_at=on(5))
    Suggestion.objects.filter(pk=declined.pk).update(created_at=on(3), decided_at=on(6))
    Suggestion.objects.filter(pk=waiting.pk).update(created_at=on(4))
    return accepted, declined, waiting


def test_a_resident_reads_what_came_of_each_suggestion_and_comment(demo_users, consultation):
    resident, facilitator = demo_users["resident"], demo_users["facilitator"]
    issue = public_issues()[0]
    accepted, declined, waiting = three_suggestions(resident, facilitator, issue)
    kept = suggestions.comment(resident, "issue", issue, "Also at the bus stop")
    hidden = suggestions.comment(resident, "proposal", a_proposal(), "Name of a neighbour")
    suggestions.hide(hidden, facilitator, "It names a neighbour: it could put them at risk")
    Comment.objects.filter(pk=kept.pk).update(created_at=on(7))
    Comment.objects.filter(pk=hidden.pk).update(created_at=on(8), hidden_at=on(9))

    response = signed_in(resident).get(URL, headers=EN)

    text = page_text(response)
    issue.refresh_from_db()
    assert (
        "Accepted · suggested on March 2, 2026 · accepted on March 5, 2026 "
        f"Issue: {issue.title_en} · Title in English" in text
    )
    assert f"Title in English {issue.title_en} Your wording was put in the text." in text
    assert "Declined · suggested on March 3, 2026 · declined on March 6, 2026" in text
    assert (
        "Description in Spanish Otra descripción "
        "Why it was declined: The workshop chose these words" in text
    )
    assert "Waiting for review · suggested on March 4, 2026 Issue:" in text
    assert "Title in Spanish Otro título The facilitators have not decided on it yet." in text
    assert "Visible to others · written on March 7, 2026 Issue:" in text
    assert "Also at the bus stop" in text
    assert (
        "Hidden by the facilitators · written on March 8, 2026 · hidden on March 9, 2026 Proposal:"
        in text
    )
    assert "Name of a neighbour" in text
    # The team's notes stay with the team.
    assert "it could put them at risk" not in text
    assert "facilitator-lazaro-cardenas" not in text
    # Latest first.
    assert text.index("Waiting for review") < text.index("Declined ·") < text.index("Accepted ·")

    spanish = page_text(signed_in(resident).get(URL, headers=ES))
    assert "Mis sugerencias y comentarios" in spanish
    assert "Aceptada · sugerida el 2 de marzo de 2026 · aceptada el 5 de marzo de 2026" in spanish
    assert "Rechazada · sugerida el 3 de marzo de 2026 · rechazada el 6 de marzo de 2026" in spanish
    assert "Ocultado por las personas facilitadoras · escrito el 8 de marzo de 2026" in spanish
    assert "Las personas facilitadoras aún no deciden sobre ella." in spanish
    assert "Su redacción se incorporó al texto." in spanish


def test_another_residents_suggestions_and_comments_never_appear(
    demo_users, make_person, consultation
):
    resident, facilitator = demo_users["resident"], demo_users["facilitator"]
    neighbour = make_person("resident-neighbour", role="resident", neighbourhood="lazaro-cardenas")
    issue = public_issues()[0]
    suggestions.suggest(neighbour, "issue", issue, "title_en", "The neighbour's wording", "Mine")
    suggestions.comment(neighbour, "issue", issue, "The neighbour's comment")
    suggestions.suggest(resident, "issue", issue, "title_en", "My own wording", "Mine")

    mine = page_text(signed_in(resident).get(URL, headers=EN))
    theirs = page_text(signed_in(neighbour).get(URL, headers=EN))

    assert "My own wording" in mine
    assert "The neighbour's wording" not in mine and "The neighbour's comment" not in mine
    assert "You have not written any comment yet." in mine
    assert "The neighbour's wording" in theirs and "The neighbour's comment" in theirs
    assert "My own wording" not in theirs
    # Nor through the address: the page takes nothing from it.
    sneaky = signed_in(resident).get(f"{URL}?author={neighbour.pk}&user={neighbour.pk}")
    assert "The neighbour's wording" not in page_text(sneaky)
    # Nor for the team: the page is each person's own.
    assert "My own wording" not in page_text(signed_in(facilitator).get(URL, headers=EN))


def test_an_item_restricted_since_is_not_named(demo_users, consultation):
    resident = demo_users["resident"]
    issue = public_issues()[1]
    suggestions.suggest(resident, "issue", issue, "title_en", "My wording", "Clearer")
    suggestions.comment(resident, "issue", issue, "My comment")
    Issue.objects.filter(pk=issue.pk).update(visibility=Issue.Visibility.RESTRICTED)

    for headers in (EN, ES):
        body = signed_in(resident).get(URL, headers=headers).content.decode()
        assert issue.title_en not in body and issue.title_es not in body
        assert "My wording" in body and "My comment" in body
    text = page_text(signed_in(resident).get(URL, headers=EN))
    assert text.count("an item you can no longer see") == 2


def test_the_residents_navigation_leads_to_the_page(client_for):
    for headers, label in (
        (EN, "My suggestions and comments"),
        (ES, "Mis sugerencias y comentarios"),
    ):
        body = client_for("resident").get("/vote/", headers=headers).content.decode()
        assert f'href="{URL}">{label}</a>' in body
    assert f'href="{URL}"' not in client_for("researcher").get("/", headers=EN).content.decode()


def test_the_page_costs_the_same_queries_with_ten_times_the_suggestions_and_comments(
    demo_users, consultation, django_assert_max_num_queries
):
    resident, facilitator = demo_users["resident"], demo_users["facilitator"]
    client = signed_in(resident)

    def grow(times):
        for n in range(times):
            for issue in public_issues()[:2]:
                done = suggestions.suggest(
                    resident, "issue", issue, "title_en", f"Wording {n} {issue.pk}", "Why"
                )
                suggestions.decline(done, facilitator, "Not now")
                suggestions.comment(resident, "issue", issue, f"Comment {n}")
            suggestions.suggest(resident, "proposal", a_proposal(), "text_en", f"Text {n}", "Why")
            suggestions.comment(resident, "proposal", a_proposal(), f"On a proposal {n}")

    grow(2)
    client.get(URL, headers=EN)  # settles the session
    before, _response = page_queries(client, URL, headers=EN)
    grow(20)
    after, response = page_queries(client, URL, headers=EN)
    assert page_text(response).count("Not now") == 44
    assert after == before
    with django_assert_max_num_queries(before):
        client.get(URL, headers=EN)
