"""Asking for a booklet on the site: who may ask for which edition, and who
may follow and download a job. Identical requests sharing one file and a
failed render: test_export_job_rendering.py; a request made while the
broker is down, and following a job: test_export_job_sending.py."""

import pytest
from django.test import Client

from agendas.models import Agenda
from booklets.models import ExportJob
from communities.models import Membership
from tests.helpers import EN, ES, RESTRICTED_EN, ROLES
from tests.pages.helpers import page_text

from .jobs import (
    FORM,
    SLUG,
    download,
    download_url,
    mentions,
    offered_editions,
    pdf_text,
    retry_url,
    status_url,
)

pytestmark = pytest.mark.usefixtures("eager_tasks", "booklet_root")


# --- who may ask for which edition ---------------------------------------------


@pytest.mark.parametrize("role", ["visitor", "resident", "other_facilitator"])
def test_the_internal_edition_is_neither_offered_nor_accepted(role, client_for):
    client = client_for(role)

    form = client.get(FORM, headers=EN)
    assert form.status_code == 200
    assert offered_editions(form) == ["public"]

    data = {"edition": "internal", "language": "en", "paper": "a4"}
    refused = client.post(FORM, data, headers=EN)
    assert refused.status_code == 400
    text = page_text(refused)
    assert "Nothing was saved. Please correct what is marked below." in text
    assert "Choose one of the editions offered to you." in text

    refused = client.post(FORM, data, headers=ES)
    assert refused.status_code == 400
    text = page_text(refused)
    assert "No se guardó nada. Corrija lo que está señalado abajo." in text
    assert "Elija una de las ediciones que se le ofrecen." in text

    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("role", ["facilitator", "researcher", "admin"])
def test_the_agendas_team_gets_the_internal_edition(role, client_for, demo_users, ask):
    client = client_for(role)
    assert offered_editions(client.get(FORM, headers=EN)) == ["internal", "public"]

    job = ask(client, edition="internal")

    assert job.status == ExportJob.Status.READY
    assert job.requested_by == demo_users[role]
    assert job.filename() == f"{SLUG}-en-a4-confidential.pdf"
    text = pdf_text(download(client, job))
    assert "CONFIDENTIAL" in text
    assert mentions(text, RESTRICTED_EN)
    assert f"Exported by {demo_users[role].username}" in text


@pytest.mark.parametrize("role", ROLES)
def test_everyone_gets_the_public_edition_of_a_published_agenda(role, client_for, ask):
    client = client_for(role)

    job = ask(client)

    assert job.status == ExportJob.Status.READY
    assert job.filename() == f"{SLUG}-en-a4.pdf"
    page = client.get(status_url(job), headers=EN)
    assert page.status_code == 200
    assert "Download the PDF" in page_text(page)
    text = pdf_text(download(client, job))
    assert mentions(text, Agenda.objects.get(slug=SLUG).title_en)
    assert not mentions(text, RESTRICTED_EN)
    assert "CONFIDENTIAL" not in text


@pytest.mark.parametrize("status", ["draft", "consultation", "validated"])
def test_a_visitor_cannot_reach_the_booklet_of_an_unpublished_agenda(status, client_for):
    Agenda.objects.filter(slug=SLUG).update(status=status)
    visitor = client_for("visitor")

    assert visitor.get(FORM).status_code == 404
    data = {"edition": "public", "language": "en", "paper": "a4"}
    assert visitor.post(FORM, data).status_code == 404
    assert not ExportJob.objects.exists()


def test_a_resident_gets_the_public_edition_while_the_agenda_is_in_consultation(client_for, ask):
    Agenda.objects.filter(slug=SLUG).update(status="consultation")
    resident = client_for("resident")

    assert offered_editions(resident.get(FORM, headers=EN)) == ["public"]
    job = ask(resident)
    assert job.status == ExportJob.Status.READY
    download(resident, job)
    # Someone from another neighbourhood does not see the agenda at all.
    assert client_for("other_facilitator").get(FORM).status_code == 404


def test_the_team_still_exports_a_draft(client_for, ask):
    Agenda.objects.filter(slug=SLUG).update(status="draft")
    facilitator = client_for("facilitator")

    job = ask(facilitator, edition="internal")

    assert job.status == ExportJob.Status.READY
    assert mentions(pdf_text(download(facilitator, job)), RESTRICTED_EN)


# --- whose job it is ------------------------------------------------------------


@pytest.mark.parametrize("owner", ["visitor", "facilitator"])
def test_a_job_is_seen_only_by_whoever_asked_for_it(owner, client_for, ask):
    mine = client_for(owner)
    job = ask(mine)
    assert mine.get(status_url(job)).status_code == 200
    download(mine, job)

    others = [Client()] + [
        client_for(role)
        for role in ("resident", "other_facilitator", "facilitator", "researcher", "admin")
        if role != owner
    ]
    for other in others:
        assert other.get(status_url(job)).status_code == 404
        assert other.get(download_url(job)).status_code == 404
        assert other.post(retry_url(job)).status_code == 404

    # Nor may anyone else set a failed job going again.
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED)
    for other in others:
        assert other.post(retry_url(job)).status_code == 404
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert job.attempts == 1


def test_someone_who_loses_the_right_can_no_longer_download_the_internal_edition(make_person, ask):
    person = make_person("facilitator-leaving", role="facilitator", neighbourhood=SLUG)
    client = Client()
    client.force_login(person)
    internal = ask(client, edition="internal")
    public = ask(client)
    download(client, internal)
    # Asked for while still on the team, not yet prepared.
    response = client.post(FORM, {"edition": "internal", "language": "es", "paper": "letter"})
    waiting = ExportJob.objects.get(pk=response["Location"].split("/")[-2])
    assert waiting.status == ExportJob.Status.QUEUED

    Membership.objects.filter(user=person).delete()

    assert client.get(download_url(internal)).status_code == 404
    download(client, public)
    # The waiting job is refused when its turn comes, and nothing is written.
    assert client.get(status_url(waiting)).status_code == 200
    waiting.refresh_from_db()
    assert waiting.status == ExportJob.Status.FAILED
    assert not waiting.has_file()
    assert client.get(download_url(waiting)).status_code == 404
