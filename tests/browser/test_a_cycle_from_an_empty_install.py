"""A whole cycle on an install as `migrate` leaves it, in a real browser on a
360 px phone without JavaScript, and without the Django admin: an
administrator sets up a city, a neighbourhood and an agenda and invites a
facilitator, who sets a password, writes the agenda's texts, logs a
workshop, issues and a proposal, runs a vote, publishes, and starts the
next cycle."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from agendas.models import Agenda
from communities.models import City, Neighbourhood, SecurityDimension
from tests.browser.helpers import fits, sign_in
from tests.helpers import PASSWORD

GOOD_PASSWORD = "harbour-lilac-window-51"
FIRST_MIGRATIONS = [
    ("communities.migrations.0003_first_dimensions_and_groups", "create_first_vocabularies"),
    ("residents.migrations.0005_first_sensitive_groups", "mark"),
]


@pytest.fixture
def empty_site(live_server, transactional_db):
    """Nothing but what the migrations write, and one superuser, as
    `createsuperuser` makes them."""
    call_command("flush", interactive=False, verbosity=0)
    for module, function in FIRST_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
    get_user_model().objects.create_superuser("admin", "", PASSWORD)
    return live_server.url


def save(page, name="Save"):
    page.locator("main").get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_an_administrator_and_a_facilitator_run_a_cycle_without_the_admin(empty_site, new_page):
    site = empty_site
    admin = new_page(language="en-GB", width=360, javascript=False)
    visited = []
    admin.on("request", lambda request: visited.append(request.url))
    sign_in(admin, site, "admin")
    expect(admin).to_have_url(site + "/workspace/")
    expect(admin.get_by_text("Before the first workshop, set up, in this order:")).to_be_visible()

    # Places and the agenda, from the set-up steps.
    admin.get_by_role("link", name="Add a city").click()
    admin.locator("#id_name_es").fill("Ensenada")
    admin.locator("#id_state").fill("Baja California")
    save(admin)
    admin.goto(site + "/workspace/")
    admin.get_by_role("link", name="Add a neighbourhood").click()
    fits(admin)
    admin.locator("#id_city").select_option(str(City.objects.get().pk))
    admin.locator("#id_name_es").fill("Colonia Esperanza")
    admin.locator("#id_time_zone").select_option("America/Tijuana")
    save(admin)
    admin.goto(site + "/workspace/")
    admin.get_by_role("link", name="Add an agenda").click()
    admin.locator("#id_neighbourhood").select_option(str(Neighbourhood.objects.get().pk))
    admin.locator("#id_title_es").fill("Agenda Local de Seguridad Humana de Colonia Esperanza")
    admin.locator("#id_title_en").fill("Local Human Security Agenda of Colonia Esperanza")
    save(admin)
    agenda = Agenda.objects.get()
    assert (agenda.status, agenda.neighbourhood.time_zone) == ("draft", "America/Tijuana")
    expect(admin).to_have_url(f"{site}/workspace/agendas/{agenda.slug}/")

    # The facilitator, invited with a one-time link.
    admin.goto(site + "/workspace/")
    admin.get_by_role("link", name="People: facilitators, invitations and roles").click()
    admin.get_by_role("link", name="Invite someone").click()
    admin.get_by_label("Facilitator").check()
    admin.get_by_label("Colonia Esperanza (Ensenada)").check()
    admin.get_by_role("button", name="Make the invitation").click()
    link = admin.locator("#invitation-link").inner_text()

    facilitator = new_page(language="en-GB", width=360, javascript=False)
    facilitator.on("request", lambda request: visited.append(request.url))
    facilitator.goto(link)
    facilitator.locator("#id_username").fill("lucia")
    facilitator.locator("#id_password1").fill(GOOD_PASSWORD)
    facilitator.locator("#id_password2").fill(GOOD_PASSWORD)
    facilitator.get_by_role("button", name="Make my account").click()
    expect(facilitator).to_have_url(site + "/workspace/")
    facilitator.get_by_role("link", name="Local Human Security Agenda of Colonia Esperanza").click()
    agenda_page = facilitator.url

    # The agenda's texts.
    facilitator.get_by_role("link", name="Add a text").click()
    facilitator.check("input[name=kind][value=introduction]")
    facilitator.locator("#id_body_es").fill("Lo que {participants} personas dijeron.")
    save(facilitator)
    expect(facilitator.locator("#sections")).to_be_visible()

    # A workshop: twelve people, seven of them women; the facilitator is ticked.
    facilitator.goto(site + "/workspace/")
    facilitator.get_by_role("link", name="Colonia Esperanza").first.click()
    facilitator.get_by_role("link", name="Log a workshop").click()
    fits(facilitator)
    expect(facilitator.get_by_label("lucia")).to_be_checked()
    facilitator.locator("#id_title_es").fill("Primer taller")
    facilitator.locator("#id_date").fill("2027-02-06")
    facilitator.locator("#id_people_present").fill("12")
    facilitator.locator("#id_first_timers").fill("12")
    facilitator.locator("input[name='attendance-0-count']").fill("7")
    save(facilitator, "Save workshop")
    expect(facilitator.get_by_text("The workshop is saved.")).to_be_visible()

    # An issue and a proposal for it.
    facilitator.goto(agenda_page)
    facilitator.get_by_role("link", name="Add a priority issue").click()
    facilitator.locator("#id_title_es").fill("Calles sin alumbrado")
    facilitator.locator("#id_dimension").select_option(
        str(SecurityDimension.objects.get(slug="community").pk)
    )
    save(facilitator)
    facilitator.goto(agenda_page)
    facilitator.get_by_role("link", name="Add a proposal").first.click()
    facilitator.locator("#id_text_es").fill("Instalar luminarias en las calles principales.")
    facilitator.get_by_label("Calles sin alumbrado").check()
    save(facilitator)

    # A vote, opened in consultation and closed after confirming.
    facilitator.goto(agenda_page)
    facilitator.get_by_role("button", name="Open to consultation with residents").click()
    facilitator.get_by_role("link", name="Votes").click()
    facilitator.locator("#id_title").fill("Prioridades")
    facilitator.check("input[name=method][value=approval]")
    facilitator.get_by_role("button", name="Open the vote").click()
    expect(facilitator.get_by_text("The vote is open.")).to_be_visible()
    facilitator.get_by_role("link", name="Close the vote").click()
    facilitator.locator("main button[name=confirm]").click()
    expect(facilitator.get_by_text("The vote is closed.")).to_be_visible()

    # Validated, then published after confirming: version 1.
    facilitator.goto(agenda_page)
    facilitator.get_by_role("button", name="Mark as validated").click()
    facilitator.get_by_role("button", name="Publish").click()
    facilitator.locator("main button[name=confirm]").click()
    agenda.refresh_from_db()
    assert agenda.status == "published"
    assert agenda.versions.count() == 1

    # The next cycle: a new draft with the issue and proposal copied.
    facilitator.get_by_role("link", name="Start the next cycle").click()
    fits(facilitator)
    # Its title of its own, in both languages.
    facilitator.locator("#id_title_es").fill("Agenda Local de Seguridad Humana, 2028")
    facilitator.locator("#id_title_en").fill("Local Human Security Agenda, 2028")
    facilitator.locator("main button[type=submit]").click()
    expect(facilitator.get_by_text("The next cycle is started as a draft.")).to_be_visible()
    following = Agenda.objects.get(previous=agenda)
    assert following.status == "draft"
    assert [i.title_es for i in following.issues.all()] == ["Calles sin alumbrado"]
    assert following.proposals.get().issues.get().agenda == following
    assert agenda.versions.count() == 1

    assert not [url for url in visited if "/admin/" in url]
    assert admin.outside_requests == facilitator.outside_requests == []
