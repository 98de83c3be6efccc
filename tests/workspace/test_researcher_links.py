"""A researcher reads every neighbourhood's work but changes none of it:
the dashboard and the agenda's workspace page lead them only where they
may go. Each link those pages offer a researcher is followed, and none
answers 403 (an edit page they may not use is not offered: a proposal
that needs a link is shown where it is read)."""

import re
from html import unescape

import pytest

from proposals.models import Proposal
from tests.helpers import EN

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a\b[^>]*\bhref="(/[^"#]*)[^"]*"')


def links_on(client, url):
    response = client.get(url, headers=EN)
    assert response.status_code == 200, url
    return {
        unescape(href)
        for href in LINK.findall(response.content.decode())
        if not href.startswith("/static/")
    }


@pytest.fixture
def researcher(client_for):
    return client_for("researcher")


def test_no_link_of_the_dashboard_or_an_agenda_page_refuses_a_researcher(researcher):
    pages = ["/workspace/", "/workspace/agendas/lazaro-cardenas/", "/workspace/agendas/national/"]
    links = set().union(*(links_on(researcher, page) for page in pages))
    assert "/workspace/agendas/lazaro-cardenas/" in links  # the sweep reads something
    refused = {
        link: status
        for link in sorted(links)
        if (status := researcher.get(link, headers=EN).status_code) == 403
    }
    assert refused == {}


def test_a_proposal_that_needs_a_link_is_shown_to_a_researcher_where_it_is_read(
    researcher, client_for
):
    proposal = Proposal.objects.filter(agenda__slug="lazaro-cardenas", issues__isnull=True)[0]
    edit = f"/workspace/proposals/{proposal.pk}/edit/"
    read = f"/workspace/agendas/lazaro-cardenas/#proposal-{proposal.pk}"

    mine = researcher.get("/workspace/", headers=EN).content.decode()
    theirs = client_for("facilitator").get("/workspace/", headers=EN).content.decode()

    assert edit not in mine and f'href="{read}"' in mine
    assert edit in theirs, "the facilitator still goes straight to the edit page"
