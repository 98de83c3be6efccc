"""The sheet of code slips printed from the server: each slip whole on one
page, ten to a page on A4 or letter, whatever the neighbourhood's name."""

import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command, get_commands
from django.utils import timezone
from pypdf import PdfReader

from communities.models import Neighbourhood
from residents import codes, services, slips
from residents.models import CodeBatch
from residents.slips import SlipsDoNotFit, slips_pdf

from .helpers import CODE, Sheet, assert_sheet_of, issue, neighbourhood, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_attempt_counts")]


# --- the command that prints a batch from the server --------------------------------------


def test_the_issue_codes_command_writes_the_sheet_of_a_new_batch(tmp_path):
    out = tmp_path / "slips.pdf"
    before = set(CodeBatch.objects.values_list("pk", flat=True))
    call_command(
        "issue_codes", "sanchez-taboada", "--count", "4", "--out", str(out), stdout=io.StringIO()
    )
    (batch,) = CodeBatch.objects.exclude(pk__in=before)
    assert batch.neighbourhood == neighbourhood("sanchez-taboada")
    assert batch.codes.count() == 4
    site = django_settings.SITE_URL.rstrip("/")
    assert_sheet_of(batch, out.read_bytes(), count=4, site=site)


def test_a_sheet_of_thirty_cuts_into_whole_slips(tmp_path):
    """A workshop's sheet runs over several pages; no slip is split between
    two (its code, QR code and number all on one page)."""
    out = tmp_path / "slips.pdf"
    before = set(CodeBatch.objects.values_list("pk", flat=True))
    call_command(
        "issue_codes", "sanchez-taboada", "--count", "30", "--out", str(out), stdout=io.StringIO()
    )
    (batch,) = CodeBatch.objects.exclude(pk__in=before)
    site = django_settings.SITE_URL.rstrip("/")
    sheet = assert_sheet_of(batch, out.read_bytes(), count=30, site=site)
    assert len(sheet.pages) >= 3  # so page breaks fall between slips


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_a_sheet_is_ten_whole_slips_a_page_on_a4_or_letter(paper, size):
    issued = issue(count=23)
    pdf = slips_pdf(issued, site_url="https://agendas.example", paper=paper)
    sheet = assert_sheet_of(issued.batch, pdf, count=23, site="https://agendas.example")
    assert [len(CODE.findall(text)) for text, _qr in sheet.pages] == [10, 10, 3]
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == size
    # Slip numbers run in order down the pages.
    assert [number for number, _code in issued.codes] == list(range(1, 24))


def test_the_longest_neighbourhood_name_still_fits_every_slip():
    place = neighbourhood()
    place.name_es = place.name_en = "Colonia " + "muy larga " * 15
    assert len(place.name_es) <= Neighbourhood._meta.get_field("name").max_length
    batch = SimpleNamespace(neighbourhood=place, expires_at=timezone.now() + timedelta(days=300))
    issued = services.IssuedCodes(batch, [(1, codes.new_code())])
    for paper in ("a4", "letter"):
        assert Sheet(slips_pdf(issued, paper=paper)).codes == [issued.codes[0][1]]


def test_a_slip_whose_text_would_run_past_its_cutting_guides_is_not_printed(monkeypatch):
    # As if a translation grew too long for its slip: rows too short for the text.
    monkeypatch.setitem(slips.PAPER_HEIGHTS, "letter", 160)
    issued = issue(count=1)
    with pytest.raises(SlipsDoNotFit):
        slips_pdf(issued, paper="letter")


@pytest.mark.parametrize(
    "arguments",
    [
        ["no-such-neighbourhood", "--count", "4"],
        ["sanchez-taboada", "--count", "0"],
        ["sanchez-taboada", "--count", "501"],
        ["sanchez-taboada", "--count", "-3"],
    ],
)
def test_the_issue_codes_command_refuses_what_it_cannot_print(tmp_path, arguments):
    # Without this, "Unknown command" would pass for a refusal.
    assert get_commands().get("issue_codes") == "residents"
    out = tmp_path / "slips.pdf"
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("issue_codes", *arguments, "--out", str(out), stdout=io.StringIO())
    assert snapshot() == before
    assert not out.exists()
