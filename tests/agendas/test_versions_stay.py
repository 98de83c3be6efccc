"""An agenda moves along its lifecycle only through its steps, and what it
published stays: the admin shows the status without setting it, a published
version is neither changed nor deleted (not even by SQL), and neither is an
agenda that has one. Deleting the person who published a version works: the
version forgets who they were, and nothing else."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import ProtectedError

from agendas.admin import AgendaAdmin
from agendas.models import Agenda, AgendaStep, AgendaVersion
from communities.models import User
from demo.loader import load_demo
from publication import lifecycle
from tests.factories import AgendaFactory, UserFactory
from tests.helpers import EN

pytestmark = pytest.mark.django_db

REFUSED = (IntegrityError, DatabaseError)


def lazaro():
    return Agenda.objects.get(slug="lazaro-cardenas")


def published_by_someone(agenda=None):
    """A new agenda published by a person of its own: (version, person)."""
    person = UserFactory(is_superuser=True)
    agenda = agenda or AgendaFactory()
    for target in ("consultation", "validated", "published"):
        lifecycle.move(agenda, target, person)
    return AgendaVersion.objects.get(agenda=agenda), person


def sql(statement, params=()):
    """Run SQL in a savepoint of its own, so that a refusal leaves the test's
    transaction usable."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


# --- the admin reads the status, the workspace's steps move it ---------------------


def test_the_admin_shows_the_status_read_only_and_points_to_the_steps(client_for):
    page = client_for("admin").get(f"/admin/agendas/agenda/{lazaro().pk}/change/", headers=EN)
    text = page.content.decode()
    assert page.status_code == 200
    assert 'name="status"' not in text
    assert "Published" in text
    assert 'href="/workspace/agendas/lazaro-cardenas/"' in text


def test_saving_an_agenda_in_the_admin_does_not_move_its_status(client_for):
    agenda = AgendaFactory(status=Agenda.Status.DRAFT)
    admin = client_for("admin")
    url = f"/admin/agendas/agenda/{agenda.pk}/change/"
    form = admin.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "status": Agenda.Status.PUBLISHED,
            "title_en": "Renamed in the admin",
            "sections-TOTAL_FORMS": 0,
            "sections-INITIAL_FORMS": 0,
        }
    )
    answer = admin.post(url, data)
    assert answer.status_code == 302, answer.content[:2000]
    agenda.refresh_from_db()
    assert agenda.title_en == "Renamed in the admin"
    assert agenda.status == Agenda.Status.DRAFT
    assert not agenda.versions.exists() and not agenda.steps.exists()


def test_an_agenda_added_in_the_admin_starts_as_a_draft(client_for, demo_users):
    admin = client_for("admin")
    answer = admin.post(
        "/admin/agendas/agenda/add/",
        {
            "slug": "made-in-the-admin",
            "scope": "local",
            "neighbourhood": lazaro().neighbourhood_id,
            "status": "published",
            "title_es": "Hecha en el admin",
            "title_en": "",
            "silenced_heading_es": "",
            "silenced_heading_en": "",
            "sections-TOTAL_FORMS": 0,
            "sections-INITIAL_FORMS": 0,
        },
    )
    assert answer.status_code == 302, answer.content[:2000]
    made = Agenda.objects.get(slug="made-in-the-admin")
    assert made.status == Agenda.Status.DRAFT and not made.versions.exists()


def test_no_admin_action_moves_an_agenda(rf, demo_users):
    from django.contrib import admin

    request = rf.get("/admin/agendas/agenda/")
    request.user = demo_users["admin"]
    actions = AgendaAdmin(Agenda, admin.site).get_actions(request)
    assert set(actions) == {"delete_selected"}


# --- deleting the person who published ----------------------------------------------


def test_deleting_the_person_who_published_keeps_the_version_whole():
    version, person = published_by_someone()
    before = (version.number, version.published_at, version.snapshot, version.agenda_id)
    person.delete()
    after = AgendaVersion.objects.get(pk=version.pk)
    assert after.published_by is None
    assert (after.number, after.published_at, after.snapshot, after.agenda_id) == before
    assert AgendaStep.objects.filter(agenda=version.agenda_id, by=None).count() == 3


def test_an_administrator_deletes_that_person_from_the_admin(client_for):
    version, person = published_by_someone()
    admin = client_for("admin")
    url = f"/admin/communities/user/{person.pk}/delete/"
    assert admin.get(url).status_code == 200
    answer = admin.post(url, {"post": "yes"})
    assert answer.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()
    assert AgendaVersion.objects.get(pk=version.pk).published_by is None


def test_the_database_lets_only_the_publisher_be_emptied():
    version, person = published_by_someone()
    other = UserFactory()
    table = "agendas_agendaversion"
    for statement, params in (
        (f"UPDATE {table} SET published_by_id = %s WHERE id = %s", [other.pk, version.pk]),
        (f"UPDATE {table} SET published_by_id = NULL, number = 9 WHERE id = %s", [version.pk]),
        (
            f"UPDATE {table} SET published_by_id = NULL, snapshot = %s WHERE id = %s",
            ['{"agenda": {}}', version.pk],
        ),
        (f"UPDATE {table} SET number = number WHERE id = %s", [version.pk]),
    ):
        with pytest.raises(REFUSED):
            sql(statement, params)
    sql(f"UPDATE {table} SET published_by_id = NULL WHERE id = %s", [version.pk])
    emptied = AgendaVersion.objects.get(pk=version.pk)
    assert emptied.published_by_id is None and emptied.number == version.number
    # Once empty, it stays empty: the publisher is not rewritten.
    with pytest.raises(REFUSED):
        sql(f"UPDATE {table} SET published_by_id = %s WHERE id = %s", [person.pk, version.pk])


# --- a published version, and its agenda, stay ------------------------------------------


def test_sql_cannot_delete_a_published_version():
    count = AgendaVersion.objects.count()
    with pytest.raises(REFUSED):
        sql("DELETE FROM agendas_agendaversion")
    version = AgendaVersion.objects.first()
    with pytest.raises(REFUSED):
        sql("DELETE FROM agendas_agendaversion WHERE id = %s", [version.pk])
    assert AgendaVersion.objects.count() == count


def test_an_agenda_that_was_published_cannot_be_deleted():
    agenda = lazaro()
    with pytest.raises(ProtectedError):
        agenda.delete()
    assert Agenda.objects.filter(pk=agenda.pk).exists()
    assert agenda.versions.count() == 1


def test_the_admin_says_an_agenda_that_was_published_cannot_be_deleted(client_for):
    admin = client_for("admin")
    agenda = lazaro()
    url = f"/admin/agendas/agenda/{agenda.pk}/delete/"
    page = admin.get(url, headers=EN)
    assert page.status_code == 200
    text = page.content.decode()
    assert "would require deleting the following protected related objects" in text
    assert "lazaro-cardenas v1" in text
    answer = admin.post(url, {"post": "yes"}, headers=EN)
    assert answer.status_code == 200
    assert Agenda.objects.filter(pk=agenda.pk).exists()


def test_deleting_several_agendas_from_the_list_refuses_those_published(client_for):
    draft = AgendaFactory()
    answer = client_for("admin").post(
        "/admin/agendas/agenda/",
        {"action": "delete_selected", "_selected_action": [draft.pk, lazaro().pk], "post": "yes"},
        headers=EN,
    )
    assert answer.status_code == 200
    assert "protected related objects" in answer.content.decode()
    assert Agenda.objects.filter(pk__in=[draft.pk, lazaro().pk]).count() == 2


def test_an_agenda_never_published_is_deleted_from_the_admin(client_for):
    draft = AgendaFactory()
    answer = client_for("admin").post(f"/admin/agendas/agenda/{draft.pk}/delete/", {"post": "yes"})
    assert answer.status_code == 302
    assert not Agenda.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_emptying_the_whole_database_still_works_and_keeps_the_guard():
    load_demo()
    assert AgendaVersion.objects.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert not AgendaVersion.objects.exists() and not Agenda.objects.exists()
    load_demo()
    with pytest.raises(REFUSED):
        sql("DELETE FROM agendas_agendaversion")
    assert AgendaVersion.objects.exists()
