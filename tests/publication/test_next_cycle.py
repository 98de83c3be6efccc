"""From a published agenda its editors start the next cycle: a new draft of
the same neighbourhood with the texts and, if chosen, the issues and
proposals, each copy's history starting afresh. The published agenda and
its versions stay exactly where they were."""

import pytest
from django.core.exceptions import ValidationError

from agendas.models import Agenda, AgendaVersion, Issue, Section
from history import reasons
from proposals.models import Proposal
from publication import lifecycle
from publication.cycles import next_slug, start_next_cycle
from synthesis.models import NationalPoint
from tests.factories import AgendaFactory, IssueFactory, SecurityDimensionFactory
from tests.helpers import EN, RESTRICTED_EN

pytestmark = pytest.mark.django_db

URL = "/workspace/agendas/lazaro-cardenas/next-cycle/"
COPIED = reasons.copied_from("lazaro-cardenas", 1)


def lazaro():
    return Agenda.objects.get(slug="lazaro-cardenas")


def texts(model, agenda, *fields):
    return list(model.objects.filter(agenda=agenda).order_by("order", "pk").values_list(*fields))


def everything_of(agenda):
    """What a reader or an editor could notice of an agenda and its items."""
    return {
        "agenda": Agenda.objects.filter(pk=agenda.pk).values().get(),
        "versions": list(AgendaVersion.objects.filter(agenda=agenda).values()),
        "sections": list(Section.objects.filter(agenda=agenda).order_by("pk").values()),
        "issues": list(Issue.objects.filter(agenda=agenda).order_by("pk").values()),
        "proposals": list(Proposal.objects.filter(agenda=agenda).order_by("pk").values()),
        "history": sum(
            model.history.filter(agenda=agenda).count() for model in (Section, Issue, Proposal)
        ),
    }


def test_the_next_cycle_copies_texts_issues_and_proposals(demo_users):
    old = lazaro()
    facilitator = demo_users["facilitator"]
    issue = Issue.objects.filter(agenda=old, kind="prioritised").order_by("order").first()
    issue.related_dimensions.set(SecurityDimensionFactory.create_batch(2))
    answering = Proposal.objects.filter(agenda=old).order_by("order").first()
    answering.issues.set([issue, Issue.objects.get(agenda=old, title_en=RESTRICTED_EN)])
    new = start_next_cycle(old, by=facilitator, copy_items=True)

    assert (new.slug, new.status, new.scope) == ("lazaro-cardenas-2", "draft", "local")
    assert new.neighbourhood_id == old.neighbourhood_id and new.previous == old
    assert (new.title_es, new.title_en) == (old.title_es, old.title_en)
    fields = ("kind", "heading_es", "heading_en", "body_es", "body_en")
    assert texts(Section, new, *fields) == texts(Section, old, *fields)
    fields = ("title_es", "title_en", "description_es", "description_en", "dimension", "kind",
              "visibility")  # fmt: skip
    assert texts(Issue, new, *fields) == texts(Issue, old, *fields)
    copy = Issue.objects.get(agenda=new, title_en=issue.title_en)
    assert set(copy.related_dimensions.all()) == set(issue.related_dimensions.all())
    # Restricted stays restricted.
    assert Issue.objects.get(agenda=new, title_en=RESTRICTED_EN).visibility == "restricted"
    fields = ("actor", "text_es", "text_en")
    assert texts(Proposal, new, *fields) == texts(Proposal, old, *fields)
    for proposal in Proposal.objects.filter(agenda=old).prefetch_related("issues"):
        twin = Proposal.objects.get(agenda=new, text_es=proposal.text_es, actor=proposal.actor)
        assert {i.agenda_id for i in twin.issues.all()} <= {new.pk}
        assert sorted(i.title_es for i in twin.issues.all()) == sorted(
            i.title_es for i in proposal.issues.all()
        )
    twin = Proposal.objects.get(agenda=new, text_es=answering.text_es, actor=answering.actor)
    assert twin.issues.count() == 2


@pytest.mark.parametrize("model", [Section, Issue, Proposal])
def test_each_copy_starts_its_history_afresh_saying_what_it_was_copied_from(demo_users, model):
    new = start_next_cycle(lazaro(), by=demo_users["facilitator"], copy_items=True)
    copies = list(model.objects.filter(agenda=new))
    assert copies
    for copy in copies:
        assert copy.revision == 1
        (record,) = model.history.filter(id=copy.pk)
        assert record.history_type == "+"
        assert record.history_change_reason == COPIED
        assert record.history_user == demo_users["facilitator"]
    issue = Issue.objects.filter(agenda=new, related_dimensions__isnull=False).first()
    if model is Issue and issue:
        record = Issue.history.get(id=issue.pk)
        assert {r.securitydimension_id for r in record.related_dimensions.all()} == set(
            issue.related_dimensions.values_list("pk", flat=True)
        )


def test_the_history_page_of_a_copy_says_it_was_copied(client_for, demo_users):
    new = start_next_cycle(lazaro(), by=demo_users["facilitator"], copy_items=True)
    issue = Issue.objects.filter(agenda=new).first()
    page = client_for("facilitator").get(f"/workspace/issues/{issue.pk}/history/", headers=EN)
    assert "Copied from lazaro-cardenas v1" in page.content.decode()


def test_without_its_issues_the_next_cycle_starts_with_the_texts_only(demo_users):
    new = start_next_cycle(lazaro(), by=demo_users["facilitator"], copy_items=False)
    assert (
        Section.objects.filter(agenda=new).count()
        == Section.objects.filter(agenda=lazaro()).count()
    )
    assert not Issue.objects.filter(agenda=new).exists()
    assert not Proposal.objects.filter(agenda=new).exists()


def test_the_published_agenda_stays_exactly_as_it_was(demo_users, client_for):
    old = lazaro()
    before = everything_of(old)
    visitor = client_for("visitor")
    pages = ["/agendas/lazaro-cardenas/", "/agendas/lazaro-cardenas/v1/"]
    shown = [visitor.get(url, headers=EN).content for url in pages]
    start_next_cycle(old, by=demo_users["facilitator"], copy_items=True)
    assert everything_of(old) == before
    assert [visitor.get(url, headers=EN).content for url in pages] == shown


def test_the_national_agenda_s_next_cycle_keeps_its_points_and_their_citations(demo_users):
    national = Agenda.objects.get(slug="national")
    new = start_next_cycle(national, by=demo_users["admin"], copy_items=True)
    assert new.neighbourhood_id is None and new.scope == "national"
    old_points = NationalPoint.objects.filter(section__agenda=national).order_by(
        "section__order", "order"
    )
    new_points = NationalPoint.objects.filter(section__agenda=new).order_by(
        "section__order", "order"
    )
    assert [p.text_es for p in new_points] == [p.text_es for p in old_points]
    for old_point, new_point in zip(old_points, new_points, strict=True):
        assert set(new_point.issues.all()) == set(old_point.issues.all())
        assert set(new_point.proposals.all()) == set(old_point.proposals.all())


def test_only_a_published_agenda_starts_a_cycle(demo_users):
    draft = AgendaFactory()
    with pytest.raises(ValidationError):
        start_next_cycle(draft, by=demo_users["admin"], copy_items=True)
    assert not Agenda.objects.filter(previous=draft).exists()


def test_an_agenda_has_one_next_cycle(demo_users):
    start_next_cycle(lazaro(), by=demo_users["facilitator"], copy_items=True)
    count = Agenda.objects.count()
    with pytest.raises(ValidationError, match="already been started"):
        start_next_cycle(lazaro(), by=demo_users["facilitator"], copy_items=True)
    assert Agenda.objects.count() == count


def test_the_cycle_after_a_cycle_is_numbered_on(demo_users):
    facilitator = demo_users["facilitator"]
    second = start_next_cycle(lazaro(), by=facilitator, copy_items=False)
    for target in ("consultation", "validated", "published"):
        lifecycle.move(second, target, facilitator)
    third = start_next_cycle(second, by=facilitator, copy_items=False)
    assert third.slug == "lazaro-cardenas-3"
    assert Issue.history.filter(agenda=third).count() == 0


def test_a_taken_address_is_skipped_and_a_long_one_kept_short():
    AgendaFactory(slug="lazaro-cardenas-2")
    assert next_slug(lazaro()) == "lazaro-cardenas-3"
    long = AgendaFactory(slug="a" * 50, status="published")
    assert next_slug(long) == "a" * 48 + "-2"


# --- the confirmation page ----------------------------------------------------------


def test_the_page_says_what_will_happen_and_works_without_javascript(client_for):
    page = client_for("facilitator").get(URL, headers=EN)
    text = page.content.decode()
    assert page.status_code == 200
    assert "lazaro-cardenas-2" in text
    assert "stay exactly where they are" in text
    assert 'type="checkbox" name="copy_items"' in text and "checked" in text
    assert '<form method="post"' in text


def test_the_agenda_page_offers_the_next_cycle_then_links_to_it(client_for):
    facilitator = client_for("facilitator")
    assert URL in facilitator.get("/workspace/agendas/lazaro-cardenas/").content.decode()
    answer = facilitator.post(
        URL, {"title_es": "Agenda 2027", "title_en": "", "copy_items": "on"}, headers=EN
    )
    assert answer.status_code == 302
    assert answer["Location"] == "/workspace/agendas/lazaro-cardenas-2/"
    new = Agenda.objects.get(slug="lazaro-cardenas-2")
    assert (new.title_es, new.title_en) == ("Agenda 2027", "")
    assert Issue.objects.filter(agenda=new).exists()
    old_page = facilitator.get("/workspace/agendas/lazaro-cardenas/", headers=EN).content.decode()
    assert URL not in old_page and "/workspace/agendas/lazaro-cardenas-2/" in old_page
    new_page = facilitator.get(answer["Location"], headers=EN).content.decode()
    assert "It continues the published agenda" in new_page


def test_an_unticked_box_copies_no_issues(client_for):
    answer = client_for("facilitator").post(URL, {"title_es": "Nueva", "title_en": ""})
    assert answer.status_code == 302
    assert not Issue.objects.filter(agenda__slug="lazaro-cardenas-2").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title_es": "", "title_en": " "}, "Write it in Spanish, in English or in both."),
        ({"title_es": "x" * 201, "title_en": ""}, "Keep the title to 200 characters or fewer."),
    ],
)
def test_a_title_that_cannot_be_used_is_refused_and_nothing_is_made(client_for, data, message):
    count = Agenda.objects.count()
    answer = client_for("facilitator").post(URL, {**data, "copy_items": "on"}, headers=EN)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert Agenda.objects.count() == count


def test_a_draft_or_an_agenda_already_continued_is_sent_back_with_a_message(client_for):
    facilitator = client_for("facilitator")
    facilitator.post(URL, {"title_es": "Nueva", "copy_items": "on"})
    count = Agenda.objects.count()
    answer = facilitator.post(URL, {"title_es": "Otra"}, headers=EN, follow=True)
    assert "already been started" in answer.content.decode()
    draft = facilitator.get(
        "/workspace/agendas/lazaro-cardenas-2/next-cycle/", headers=EN, follow=True
    )
    assert "Only a published agenda starts a new cycle." in draft.content.decode()
    assert Agenda.objects.count() == count


@pytest.mark.parametrize("role", ["resident", "researcher", "other_facilitator"])
def test_who_may_not_edit_the_agenda_may_not_start_its_next_cycle(client_for, role):
    client = client_for(role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"title_es": "Nueva", "copy_items": "on"}).status_code == 403
    assert not Agenda.objects.filter(slug="lazaro-cardenas-2").exists()
    page = client.get("/workspace/agendas/lazaro-cardenas/").content.decode()
    assert URL not in page


def test_a_visitor_is_sent_to_sign_in(client_for):
    answer = client_for("visitor").post(URL, {"title_es": "Nueva"})
    assert answer.status_code == 302 and answer["Location"].startswith("/sign-in/")
    assert not Agenda.objects.filter(slug="lazaro-cardenas-2").exists()


def test_a_facilitator_starts_no_cycle_of_the_national_agenda(client_for):
    url = "/workspace/agendas/national/next-cycle/"
    assert client_for("facilitator").post(url, {"title_es": "N"}).status_code == 403
    assert client_for("admin").get(url).status_code == 200


def test_issues_made_since_are_copied_too(demo_users):
    extra = IssueFactory(agenda=lazaro(), visibility="restricted", kind="silenced")
    new = start_next_cycle(lazaro(), by=demo_users["facilitator"], copy_items=True)
    copy = Issue.objects.get(agenda=new, title_en=extra.title_en)
    assert (copy.visibility, copy.kind, copy.dimension_id) == (
        "restricted",
        "silenced",
        extra.dimension_id,
    )


def test_the_next_cycle_needs_a_title_of_its_own(client_for):
    old = Agenda.objects.get(slug="lazaro-cardenas")
    before = Agenda.objects.count()
    answer = client_for("facilitator").post(
        URL, {"title_es": old.title_es.upper(), "title_en": ""}, headers=EN
    )
    assert answer.status_code == 400
    assert "Give the next cycle a title of its own." in answer.content.decode()
    assert Agenda.objects.count() == before
