"""An agenda's texts (introduction, context, before the issues, principles…)
are added, reordered and removed from its workspace page by the people who
may change them; the national agenda's lists of principles and requirements
say, before they go, how many points go with them."""

import pytest

from agendas.models import Section
from synthesis.models import NationalPoint
from tests.factories import AgendaFactory, NationalPointFactory, SectionFactory
from tests.helpers import EN

pytestmark = pytest.mark.django_db

NEW = "/workspace/agendas/lazaro-cardenas/sections/new/"


def lazaro_sections():
    return list(Section.objects.filter(agenda__slug="lazaro-cardenas").order_by("order", "pk"))


def new_text(client, url=NEW, **data):
    return client.post(
        url,
        {"kind": "context", "heading_es": "", "heading_en": "", "body_es": "", "body_en": "",
         **data},
        headers=EN,
    )  # fmt: skip


def test_the_agenda_page_offers_a_facilitator_to_add_move_and_delete_texts(client_for):
    page = client_for("facilitator").get("/workspace/agendas/lazaro-cardenas/", headers=EN)
    text = page.content.decode()
    assert NEW in text
    first = lazaro_sections()[0]
    assert f"/workspace/sections/{first.pk}/delete/" in text
    assert f'id="section-{first.pk}-down"' in text


def test_a_researcher_reads_the_texts_without_a_way_to_change_them(client_for):
    text = client_for("researcher").get("/workspace/agendas/lazaro-cardenas/").content.decode()
    first = lazaro_sections()[0]
    assert NEW not in text
    assert f"/workspace/sections/{first.pk}/delete/" not in text
    assert f"/workspace/sections/{first.pk}/history/" in text


def test_a_facilitator_adds_a_text_of_a_chosen_kind_at_the_end(client_for):
    before = lazaro_sections()
    answer = new_text(
        client_for("facilitator"), kind="context", heading_en="Where we live", body_es="Texto"
    )
    assert answer.status_code == 302
    after = lazaro_sections()
    assert len(after) == len(before) + 1
    added = after[-1]
    assert (added.kind, added.heading_en, added.body_es) == ("context", "Where we live", "Texto")
    assert added.order > before[-1].order
    assert answer["Location"].endswith(f"#section-{added.pk}")
    assert added.history.count() == 1


def test_the_new_text_form_offers_the_kinds_a_local_agenda_may_hold(client_for):
    page = client_for("facilitator").get(NEW, headers=EN).content.decode()
    assert 'name="kind"' in page
    assert 'value="context"' in page and 'value="introduction"' in page
    # Lists of principles and requirements hold the national agenda's points.
    assert 'value="principles"' not in page and 'value="requirements"' not in page


def test_the_national_agenda_may_get_a_new_list_of_principles(client_for):
    admin = client_for("admin")
    url = "/workspace/agendas/national/sections/new/"
    assert 'value="principles"' in admin.get(url, headers=EN).content.decode()
    answer = new_text(admin, url, kind="principles", heading_en="More principles")
    assert answer.status_code == 302
    assert Section.objects.filter(agenda__slug="national", heading_en="More principles").exists()


def test_editing_a_text_does_not_change_its_kind(client_for):
    section = lazaro_sections()[0]
    page = client_for("facilitator").get(f"/workspace/sections/{section.pk}/edit/", headers=EN)
    assert 'name="kind"' not in page.content.decode()


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("", "Choose what kind of text it is."),
        ("principles", "Choose one of the listed kinds of text."),
        ("epilogue", "Choose one of the listed kinds of text."),
    ],
)
def test_a_text_of_no_listed_kind_is_refused_and_nothing_is_saved(client_for, kind, message):
    before = lazaro_sections()
    answer = new_text(client_for("facilitator"), kind=kind, heading_en="A heading")
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert lazaro_sections() == before


def test_texts_move_up_and_down_in_their_agenda(client_for):
    facilitator = client_for("facilitator")
    first, second = lazaro_sections()[:2]
    answer = facilitator.post(f"/workspace/sections/{first.pk}/move/", {"direction": "down"})
    assert answer.status_code == 302
    assert lazaro_sections()[:2] == [second, first]
    facilitator.post(f"/workspace/sections/{first.pk}/move/", {"direction": "up"})
    assert lazaro_sections()[:2] == [first, second]


def test_a_text_moves_only_among_its_own_agenda_s_texts(client_for):
    other = SectionFactory(agenda=AgendaFactory(slug="made-other"), order=0)
    first = lazaro_sections()[0]
    client_for("facilitator").post(f"/workspace/sections/{first.pk}/move/", {"direction": "up"})
    other.refresh_from_db()
    assert other.order == 0 and lazaro_sections()[0] == first


def test_a_facilitator_deletes_a_text_and_its_history_stays(client_for):
    facilitator = client_for("facilitator")
    section = lazaro_sections()[0]
    page = facilitator.get(f"/workspace/sections/{section.pk}/delete/", headers=EN)
    assert page.status_code == 200
    assert "principles" not in page.content.decode().lower()
    answer = facilitator.post(f"/workspace/sections/{section.pk}/delete/", {"confirm": "yes"})
    assert answer.status_code == 302
    assert answer["Location"].endswith("#sections")
    assert not Section.objects.filter(pk=section.pk).exists()
    assert Section.history.filter(id=section.pk, history_type="-").exists()


def test_deleting_a_national_list_says_how_many_points_go_with_it(client_for):
    section = Section.objects.get(agenda__slug="national", kind=Section.Kind.PRINCIPLES)
    count = section.points.count()
    assert count > 1
    page = client_for("admin").get(f"/workspace/sections/{section.pk}/delete/", headers=EN)
    assert f"Its {count} principles and requirements are deleted with it." in page.content.decode()
    client_for("admin").post(f"/workspace/sections/{section.pk}/delete/", {"confirm": "yes"})
    assert not NationalPoint.objects.filter(section_id=section.pk).exists()


def test_a_national_list_of_one_point_says_so_in_the_singular(client_for):
    point = NationalPointFactory()
    page = client_for("admin").get(f"/workspace/sections/{point.section_id}/delete/", headers=EN)
    assert "Its 1 principle or requirement is deleted with it." in page.content.decode()


def test_an_empty_national_list_says_nothing_of_points(client_for):
    point = NationalPointFactory()
    point.delete()
    page = client_for("admin").get(f"/workspace/sections/{point.section_id}/delete/", headers=EN)
    assert "deleted with it" not in page.content.decode()


@pytest.mark.parametrize("role", ["resident", "researcher", "other_facilitator"])
def test_who_may_not_change_the_agenda_may_not_add_or_delete_its_texts(client_for, role):
    client = client_for(role)
    section = lazaro_sections()[0]
    before = lazaro_sections()
    for answer in (
        client.get(NEW),
        new_text(client, heading_en="Not theirs"),
        client.get(f"/workspace/sections/{section.pk}/delete/"),
        client.post(f"/workspace/sections/{section.pk}/delete/", {"confirm": "yes"}),
        client.post(f"/workspace/sections/{section.pk}/move/", {"direction": "down"}),
    ):
        assert answer.status_code == 403
    assert lazaro_sections() == before


def test_a_facilitator_may_not_add_texts_to_the_national_agenda(client_for):
    answer = new_text(client_for("facilitator"), "/workspace/agendas/national/sections/new/")
    assert answer.status_code == 403


def test_a_visitor_is_sent_to_sign_in(client_for):
    visitor = client_for("visitor")
    section = lazaro_sections()[0]
    before = lazaro_sections()
    for answer in (
        visitor.get(NEW),
        new_text(visitor),
        visitor.post(f"/workspace/sections/{section.pk}/delete/", {"confirm": "yes"}),
    ):
        assert answer.status_code == 302
        assert answer["Location"].startswith("/sign-in/")
    assert lazaro_sections() == before
