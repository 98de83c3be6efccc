"""What cannot be undone is asked on a page of its own, which fits a 360 px
phone with JavaScript off: a facilitator closes a vote and restricts an
issue there, and the pages for publishing, withdrawing codes and deleting
fit too."""

import pytest

from agendas.models import Agenda, Issue
from residents.services import issue_batch
from tests.browser.helpers import fits, sign_in
from voting.models import VotingRound


@pytest.mark.parametrize("language", ["es-MX", "en-GB"])
def test_a_facilitator_confirms_on_a_phone_without_javascript(site, new_page, language):
    agenda = Agenda.objects.select_related("neighbourhood").get(slug="lazaro-cardenas")
    round = VotingRound.objects.create(agenda=agenda, method="approval")
    batch = issue_batch(agenda.neighbourhood, 2).batch
    issue = Issue.objects.filter(agenda=agenda, visibility="public").order_by("pk").first()
    page = new_page(language=language, width=360, javascript=False)
    sign_in(page, site, "facilitator-lazaro-cardenas")

    for path in [
        "/workspace/agendas/lazaro-cardenas/status/?to=published",
        f"/workspace/code-batches/{batch.pk}/withdraw/?number=all",
        f"/workspace/issues/{issue.pk}/delete/",
    ]:
        assert page.goto(site + path).status == 200, path
        fits(page)
    Agenda.objects.filter(pk=agenda.pk).update(status=Agenda.Status.VALIDATED)
    assert page.goto(site + "/workspace/agendas/lazaro-cardenas/status/?to=published").ok
    fits(page)

    # Closing a vote: the results page links to the question; yes closes it.
    page.goto(site + f"/workspace/votes/{round.pk}/")
    page.locator(f"main a[href='/workspace/votes/{round.pk}/close/']").click()
    fits(page)
    round.refresh_from_db()
    assert round.closed_at is None
    page.locator("main button[name=confirm]").click()
    page.wait_for_load_state()
    round.refresh_from_db()
    assert round.closed_at is not None

    # Restricting an issue: saving the form asks, with what was typed.
    page.goto(site + f"/workspace/issues/{issue.pk}/edit/")
    page.locator("input[name=visibility][value=restricted]").check()
    page.locator("main button.btn-primary[type=submit]").click()
    fits(page)
    issue.refresh_from_db()
    assert issue.visibility == "public"
    page.locator("main button[name=confirm]").click()
    page.wait_for_load_state()
    issue.refresh_from_db()
    assert issue.visibility == "restricted"
    assert page.outside_requests == []
