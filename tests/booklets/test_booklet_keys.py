"""A booklet asked for again is found without rendering it, and never
stale: every change to what it prints gives it a new key (booklets.keys),
so a new file. The whole round trip of an edit (a new file with the new
text): test_export_job_rendering.py."""

from datetime import timedelta

import pytest
from django.test.signals import template_rendered
from django.utils import timezone

from agendas.models import Agenda, Issue
from booklets import keys, services
from booklets.models import ExportJob
from communities.models import SecurityDimension
from tests.voting import open_round
from voting.models import VotingRound

from .jobs import SLUG, download, mentions, pdf_text, pdfs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_tasks", "booklet_root")]

BOOKLET = {"edition": "public", "language": "en", "paper": "a4"}


def key_of(user=None, **choice):
    agenda = Agenda.objects.get(slug=SLUG)
    return keys.booklet_key(agenda, user=user, **{**BOOKLET, **choice})


class TemplatesRendered(list):
    def __call__(self, sender, template, **kwargs):
        self.append(template.name)


@pytest.fixture
def templates_rendered():
    names = TemplatesRendered()
    template_rendered.connect(names)
    yield names
    template_rendered.disconnect(names)


# --- a booklet already made is found without rendering it ---------------------------


def test_asking_again_for_an_unchanged_booklet_renders_no_html(
    client_for, ask, booklet_root, templates_rendered, django_assert_max_num_queries
):
    first = ask(client_for("visitor"))
    assert first.status == ExportJob.Status.READY
    assert "booklets/booklet.html" in templates_rendered  # the first one is rendered
    templates_rendered.clear()

    second = ask(client_for("resident"))

    assert second.status == ExportJob.Status.READY
    assert second.content_key == first.content_key
    assert "booklets/booklet.html" not in templates_rendered
    assert "agendas/_agenda_body.html" not in templates_rendered
    assert len(pdfs(booklet_root)) == 1
    # Finding the file reads no agenda: a few queries, whatever its size.
    agenda = Agenda.objects.get(slug=SLUG)
    with django_assert_max_num_queries(6):
        third = services.request_export({"session_hash": "x" * 64}, agenda, **BOOKLET)
    assert third.status == ExportJob.Status.READY
    assert "booklets/booklet.html" not in templates_rendered


def test_the_key_is_the_same_while_nothing_printed_changes():
    assert key_of() == key_of()
    others = {key_of(paper="letter"), key_of(language="es"), key_of()}
    assert len(others) == 3


# --- every change to what a booklet prints gives a new key ----------------------------


def test_an_issue_edited_gives_a_new_key():
    before = key_of()
    issue = Issue.objects.filter(agenda__slug=SLUG, visibility="public").order_by("pk").first()
    issue.title_en = "Streetlights repaired along the school route"
    issue.save()
    assert key_of() != before


def test_a_dimension_given_another_colour_gives_a_new_key():
    # Every agenda prints its dimensions' colours; no agenda row changes.
    before = key_of()
    dimension = SecurityDimension.objects.order_by("order").first()
    dimension.colour = "#123456" if dimension.colour != "#123456" else "#654321"
    dimension.save()
    assert key_of() != before


def test_a_vote_closing_by_its_time_gives_a_new_key():
    round = open_round(closes_at=timezone.now() + timedelta(hours=1))
    before = key_of()
    assert key_of() == before
    # Time passes: the closing time is behind us, and no row is saved (an
    # update sends no signal), as when nobody touches the vote.
    VotingRound.objects.filter(pk=round.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    assert key_of() != before


def test_the_internal_edition_of_another_person_has_another_key(demo_users, make_person):
    other = make_person("facilitator-second", role="facilitator", neighbourhood=SLUG)
    facilitator = demo_users["facilitator"]
    internal = {"edition": "internal"}
    assert key_of(facilitator, **internal) == key_of(facilitator, **internal)
    assert key_of(facilitator, **internal) != key_of(other, **internal)
    # The public edition is the same whoever asks.
    assert key_of(facilitator) == key_of(other) == key_of()


@pytest.fixture
def new_release():
    """Reading the release again, as a process started by a deploy does."""
    keys.release.cache_clear()
    yield keys.release.cache_clear
    keys.release.cache_clear()  # the next tests read the real one


def test_another_release_of_the_templates_gives_a_new_key(settings, tmp_path, new_release):
    """A deploy that changes how booklets look makes new files, though no
    agenda changed."""
    template = tmp_path / "templates" / "booklets" / "booklet.html"
    template.parent.mkdir(parents=True)
    template.write_text("<p>Cover</p>")
    settings.BASE_DIR = tmp_path
    before = key_of()
    new_release()
    assert key_of() == before
    template.write_text("<p>Cover, with the cycle's years</p>")
    new_release()
    assert key_of() != before


# --- a vote closed by its time is printed in the next booklet ----------------------------


def test_a_booklet_asked_for_after_a_vote_closed_by_its_time_shows_the_vote(
    client_for, ask, booklet_root
):
    round = open_round(title="Which issue first", closes_at=timezone.now() + timedelta(hours=1))
    visitor = client_for("visitor")
    before = ask(visitor)
    assert not mentions(pdf_text(download(visitor, before)), "Which issue first")

    VotingRound.objects.filter(pk=round.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    after = ask(visitor)

    assert after.attempts == 1  # rendered again, not the file made while the vote was open
    assert after.content_key != before.content_key
    assert mentions(pdf_text(download(visitor, after)), "Vote “Which issue first”, closed on")
