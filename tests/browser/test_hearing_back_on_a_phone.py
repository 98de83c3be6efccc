"""What a resident hears back (their votes, a closed round's result, what came
of their suggestions and comments) fits a 360 px phone with JavaScript off,
in both languages, and loads nothing from outside the site."""

import pytest
from django.contrib.auth import get_user_model

from agendas.models import Agenda, Issue
from editing import suggestions
from tests.browser.helpers import fits, sign_in
from tests.voting import many_residents, open_round
from voting import services

WORDS = {
    "es-MX": ("Usted participó.", "Mis sugerencias y comentarios", "Rechazada"),
    "en-GB": ("You took part.", "My suggestions and comments", "Declined"),
}


@pytest.mark.parametrize("language", ["es-MX", "en-GB"])
def test_a_resident_hears_back_on_a_phone(site, new_page, language):
    User = get_user_model()
    resident = User.objects.get(username="resident-lazaro-cardenas")
    facilitator = User.objects.get(username="facilitator-lazaro-cardenas")
    round = open_round("dots", title="Which issues first?")
    i = list(round.ballot_issues())
    services.cast_ballot(round, resident, {i[0].pk: 3, i[1].pk: 2})
    for voter in many_residents(5, prefix="phone"):
        services.cast_ballot(round, voter, {i[0].pk: 2, i[2].pk: 3})
    services.close_round(round)
    Agenda.objects.filter(slug="lazaro-cardenas").update(status="consultation")
    issue = Issue.objects.get(pk=i[0].pk)
    declined = suggestions.suggest(
        resident, "issue", issue, "description_es", "Una descripción " * 30, "Más clara"
    )
    suggestions.decline(declined, facilitator, "The workshop chose these words")
    suggestions.comment(resident, "issue", issue, "A long comment " * 40)

    took_part, page_title, declined_word = WORDS[language]
    page = new_page(language=language, width=360, javascript=False)
    sign_in(page, site, "resident-lazaro-cardenas")
    for path, words in [
        ("/vote/", [took_part]),
        (f"/vote/{round.pk}/", [took_part]),
        ("/my-suggestions/", [page_title, declined_word]),
    ]:
        assert page.goto(site + path).status == 200, path
        fits(page)
        text = page.inner_text("main")
        for word in words:
            assert word in text, (path, word)
    # The navigation leads there.
    page.goto(site + "/vote/")
    page.get_by_role("link", name=page_title).click()
    page.wait_for_load_state()
    assert page.url.endswith("/my-suggestions/")
    assert page.outside_requests == []
