"""The site's Spanish writes numbers and dates as Mexico does (config/formats):
a decimal point, "25.6 %" with a no-break space before the sign, "1 de
diciembre de 2026 a las 13:14"; English keeps "25.6%". The booklet's
footer dates its export the same way."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import formats, timezone, translation

from agendas.models import Agenda
from booklets.models import Edition, Paper
from booklets.rendering import Stamp, booklet_html
from tests.helpers import EN, ES
from tests.voting import open_round
from tests.voting.results import closed, vote_all

NBSP = "\u00a0"
MOMENT = datetime(2026, 12, 1, 19, 14, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "share", "shown"),
    [
        ("es", 25.6, f"25.6{NBSP}%"),
        ("en", 25.6, "25.6%"),
        # Rounded, not cut off: 3/7 of the vote.
        ("es", 300 / 7, f"42.9{NBSP}%"),
        ("en", 100 / 16, "6.3%"),
    ],
)
def test_a_percentage_as_each_language_writes_it(language, share, shown):
    with translation.override(language):
        rendered = Template("{% load numbers %}{{ share|percent }}").render(
            Context({"share": share})
        )
    assert rendered == shown


def test_spanish_numbers_and_dates_are_mexicos():
    with translation.override("es"):
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1,234.5"
        assert formats.date_format(MOMENT.date(), "DATE_FORMAT") == "1 de diciembre de 2026"
        assert formats.date_format(MOMENT.date(), "SHORT_DATE_FORMAT") == "01/12/2026"
        local = timezone.localtime(MOMENT)
        assert formats.date_format(local, "DATETIME_FORMAT") == (
            f"1 de diciembre de 2026 a las {local:%H:%M}"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "shares", "turnout", "opened"),
    [
        (
            ES,
            (f"57.1{NBSP}%", f"42.9{NBSP}%"),
            f"(participación del 83{NBSP}%)",
            "1 de diciembre de 2026 a las 13:14",
        ),
        (EN, ("57.1%", "42.9%"), "(83% turnout)", "Dec. 1, 2026, 1:14 p.m."),
    ],
)
def test_the_results_page_shows_shares_and_times_in_the_readers_language(
    client_for, headers, shares, turnout, opened
):
    round = open_round("dots", dots_per_voter=5, max_dots_per_issue=3, opens_at=MOMENT)
    i = list(round.ballot_issues())
    vote_all(round, [[(i[0], 3), (i[1], 2)]] * 4 + [[(i[1], 1)]])
    round = closed(round)

    response = client_for("facilitator").get(f"/workspace/votes/{round.pk}/", headers=headers)

    body = response.content.decode()
    for share in shares:
        # The combined cell: the share, then the points it stands for.
        assert f'<td><span class="text-nowrap">{share}</span> ' in body
    assert turnout in body
    # Apatzingán keeps Mexico City's time: 19:14 UTC is 13:14 there.
    assert opened in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "exported"),
    [
        ("es", "Exportado por Ana el 1 de diciembre de 2026 a las 13:14"),
        ("en", "Exported by Ana on Dec. 1, 2026, 1:14 p.m."),
    ],
)
def test_the_booklets_footer_dates_the_export_as_the_site_does(demo_users, language, exported):
    agenda = Agenda.objects.get(slug="lazaro-cardenas")
    html = booklet_html(
        agenda,
        user=demo_users["researcher"],
        edition=Edition.INTERNAL,
        language=language,
        paper=Paper.A4,
        stamp=Stamp(name="Ana", when=MOMENT),
    )
    assert exported in html
    assert "2026-12-01" not in html
