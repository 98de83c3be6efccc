"""Participant codes, from the printed slip to the pseudonymous resident.

A code is the only thing between a stranger and a vote in a neighbourhood,
so it must be hard to guess, never kept in readable form, usable once, and
refused in a way that tells nothing about which codes exist. Guessing is
slowed down per address and per batch, but never for good. Only the
neighbourhood's facilitators (and admins) print and withdraw codes.
"""

import io
import math
import re
import string
import time
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import quote

import pytest
import segno
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command, get_commands
from django.db import connection
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from communities.models import Membership, Neighbourhood, ParticipantGroup
from residents import codes, services, slips
from residents.models import CodeBatch, CodeSheet, ParticipantCode, ResidentProfile
from residents.slips import QR_OPTIONS, SlipsDoNotFit, slips_pdf
from tests.helpers import EN, ES, squash

from ..booklets import celery_conf
from ..pages.helpers import page_text

pytestmark = pytest.mark.django_db

User = get_user_model()

HEADERS = {"en": EN, "es": ES}
HOME = "lazaro-cardenas"
# Written out here rather than taken from the application: the promise is
# "no character that can be mistaken for another".
LOOK_ALIKES = "0O1IL"
EXPECTED_ALPHABET = set(string.ascii_uppercase + string.digits) - set(LOOK_ALIKES)
SYMBOL = "[A-HJKMNP-Z2-9]"
CODE = re.compile(rf"(?<![A-Z0-9]){SYMBOL}{{4}}-{SYMBOL}{{4}}-{SYMBOL}{{4}}(?![A-Z0-9])")

REFUSED = {
    "en": (
        "This code cannot be used: it may be mistyped, withdrawn or expired. "
        "Check it, or ask the facilitator for a new one."
    ),
    "es": (
        "Este código no se puede usar: puede estar mal escrito, retirado o vencido. "
        "Revíselo o pida uno nuevo a la persona facilitadora."
    ),
}
TOO_MANY = {
    "en": (
        "Too many attempts",
        "Too many codes were tried from here in a short time. Wait ten minutes and try again, "
        "or ask the facilitator for help.",
    ),
    "es": (
        "Demasiados intentos",
        "Se probaron demasiados códigos desde aquí en poco tiempo. Espere diez minutos y vuelva "
        "a intentarlo, o pida ayuda a la persona facilitadora.",
    ),
}
SLIP_INSTRUCTIONS = {
    "es": (
        "Escanee el código QR o ingrese a {join} y escriba este código para participar. No se "
        "le pedirá su nombre, correo ni teléfono. Guarde este papelito: si vuelve a escribir el "
        "código, regresará a su participación."
    ),
    "en": (
        "Scan the QR code or go to {join} and type this code to take part. You will not be "
        "asked for your name, e-mail or phone. Keep this slip: typing the code again brings "
        "you back."
    ),
}
NOTHING_SAVED = "Nothing was saved. Please correct what is marked below."
# Addresses reserved for documentation: they never belong to anyone.
ADDRESS = "192.0.2.10"
OTHER_ADDRESS = "203.0.113.20"


@pytest.fixture(autouse=True)
def fresh_attempt_counts():
    # Attempts are counted in the cache, which outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()


def neighbourhood(slug=HOME):
    return Neighbourhood.objects.get(slug=slug)


def issue(slug=HOME, count=3, **options):
    return services.issue_batch(neighbourhood(slug), count, **options)


def join(code, *, language="en", address=ADDRESS, client=None):
    client = client or Client()
    return client.post("/join/", {"code": code}, headers=HEADERS[language], REMOTE_ADDR=address)


def codes_page(place):
    return f"/workspace/neighbourhoods/{place.pk}/codes/"


@pytest.fixture
def print_codes(django_capture_on_commit_callbacks):
    """Fill in the codes form as on the site: the sheet is made (here, in
    this process) once the request's transaction commits."""

    def post(client, data, *, place=None):
        with (
            celery_conf(task_always_eager=True, task_eager_propagates=True),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return client.post(codes_page(place or neighbourhood()), data, headers=EN)

    return post


def sheet_made_by(response):
    """The sheet whose page the codes form led to."""
    assert response.status_code == 302, page_text(response)
    match = re.fullmatch(r"/workspace/code-sheets/([0-9a-f-]{36})/", response["Location"])
    assert match, response["Location"]
    return CodeSheet.objects.get(pk=match[1])


def withdraw_url(batch):
    return f"/workspace/code-batches/{batch.pk}/withdraw/"


def hash_of(code):
    return codes.code_hash(codes.normalise(code))


def snapshot():
    """Everything a refused attempt must leave as it was."""
    return {
        "people": sorted(User.objects.values_list("pk", flat=True)),
        "memberships": sorted(Membership.objects.values_list("pk", flat=True)),
        "profiles": ResidentProfile.objects.count(),
        "codes": list(
            ParticipantCode.objects.order_by("pk").values_list(
                "pk", "code_hash", "used_at", "revoked_at", "resident_id"
            )
        ),
        "batches": list(
            CodeBatch.objects.order_by("pk").values_list("pk", "revoked_at", "expires_at")
        ),
        "sheets": CodeSheet.objects.count(),
    }


# --- what the printed sheet holds ---------------------------------------------------------


class Sheet:
    """A sheet of slips read back from the PDF, page by page: the text and
    the QR codes drawn on each page (as sets of dark modules)."""

    BORDER = 4  # light modules around each QR code image

    def __init__(self, pdf):
        assert pdf.startswith(b"%PDF-")
        reader = PdfReader(io.BytesIO(pdf))
        self.pages = []  # [(text, [QR modules])]
        for page in reader.pages:
            content = page.get_contents().get_data().decode("latin-1")
            images = page["/Resources"]["/XObject"]
            drawn = [images[f"/{name}"].get_object() for name in re.findall(r"/(\S+) Do", content)]
            self.pages.append((page.extract_text(), [self._modules(image) for image in drawn]))
        self.text = "\n".join(text for text, _qr in self.pages)
        self.codes = CODE.findall(self.text)
        self.squashed = squash(self.text)
        self.qr_codes = [qr for _text, qrs in self.pages for qr in qrs]

    @classmethod
    def _modules(cls, image):
        # One pixel per module, grey or RGB: a dark pixel is a dark module.
        width, height = image["/Width"], image["/Height"]
        pixels = image.get_data()
        channels = {"/DeviceGray": 1, "/DeviceRGB": 3}[image["/ColorSpace"]]
        assert len(pixels) == width * height * channels
        return frozenset(
            (row - cls.BORDER, column - cls.BORDER)
            for row in range(height)
            for column in range(width)
            if pixels[(row * width + column) * channels] < 128
        )

    def count(self, text):
        return self.squashed.count(squash(text))


def qr_modules_for(text):
    """The dark modules of the QR code the sheet draws for `text`."""
    return frozenset(
        (row, column)
        for row, values in enumerate(segno.make(text, **QR_OPTIONS).matrix_iter(border=0))
        for column, dark in enumerate(values)
        if dark
    )


def assert_sheet_of(batch, pdf, *, count, site):
    """The sheet holds `count` distinct codes, each a code of `batch` (and
    only its codes), with instructions in Spanish and English and a QR code
    opening the join page with that code filled in."""
    sheet = Sheet(pdf)
    assert len(sheet.codes) == count
    assert len(set(sheet.codes)) == count
    assert {hash_of(code) for code in sheet.codes} == set(
        batch.codes.values_list("code_hash", flat=True)
    )
    join_address = f"{site}/join/"
    for language in ("es", "en"):
        assert sheet.count(SLIP_INSTRUCTIONS[language].format(join=join_address)) == count
    assert len(sheet.qr_codes) == count
    # Every slip is whole on one page: its code, its QR code and its number.
    for text, qr_codes in sheet.pages:
        on_page = CODE.findall(text)
        assert len(qr_codes) == len(on_page) == squash(text).count("Papelito"), text
        for code in on_page:
            assert qr_modules_for(f"{join_address}?code={code}") in qr_codes, code
    return sheet


# --- the codes themselves -----------------------------------------------------------------


def test_a_code_is_three_groups_of_four_characters_without_look_alikes():
    assert set(codes.ALPHABET) == EXPECTED_ALPHABET
    assert len(codes.ALPHABET) == len(set(codes.ALPHABET)) == 31
    made = [codes.new_code() for _ in range(2000)]
    for code in made:
        assert CODE.fullmatch(code), code
        assert not set(code) & set(LOOK_ALIKES), code
    assert len(set(made)) == len(made)
    # Every character is drawn: a code that used fewer would be easier to guess.
    assert set("".join(made).replace("-", "")) == EXPECTED_ALPHABET


def test_a_code_carries_at_least_fifty_bits_of_chance():
    assert 12 * math.log2(31) >= 50
    assert codes.LENGTH == 12
    assert codes.LENGTH * math.log2(len(codes.ALPHABET)) >= 50


@pytest.mark.parametrize(
    "typed",
    [
        "KX7P-4MRT-9QWD",
        "kx7p-4mrt-9qwd",
        "KX7P4MRT9QWD",
        "kx7p 4mrt 9qwd",
        "  Kx7p - 4mRt - 9QwD  ",
        "KX7P–4MRT—9QWD",
        "kx7p-4mrt 9qwd\n",
    ],
)
def test_a_code_is_read_whatever_its_case_spaces_and_dashes(typed):
    assert codes.normalise(typed) == "KX7P4MRT9QWD"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "KX7P-4MRT",
        "KX7P-4MRT-9QW",
        "KX7P-4MRT-9QWDA",
        "KX7P-4MRT-9QW0",
        "KX7P-4MRT-9QWO",
        "KX7P-4MRT-9QW1",
        "KX7P-4MRT-9QWI",
        "KX7P-4MRT-9QWL",
        "KX7P-4MRT-9QW!",
        "KX7P-4MRT-9QWÑ",
    ],
)
def test_what_cannot_be_a_code_is_not_read_as_one(typed):
    assert codes.normalise(typed) is None


def test_a_code_typed_in_lower_case_with_spaces_lets_its_holder_in():
    code = issue(count=1).codes[0][1]
    typed = " " + code.lower().replace("-", " ") + " "
    response = join(typed)
    assert response.status_code == 302
    assert response["Location"] == "/join/about-you/"
    assert ParticipantCode.objects.get(code_hash=hash_of(code)).used_at is not None


def test_codes_are_kept_only_as_keyed_hashes():
    issued = issue(count=50, label="Taller en la escuela")
    typed_forms = set()
    for _number, code in issued.codes:
        typed_forms |= {code.casefold(), code.replace("-", "").casefold()}
    # Every column of both tables, read as the database holds it.
    with connection.cursor() as cursor:
        for model in (CodeBatch, ParticipantCode):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")
            for row in cursor.fetchall():
                for value in row:
                    stored = str(value).casefold()
                    assert not any(form in stored for form in typed_forms), (model, value)
    stored_hashes = set(issued.batch.codes.values_list("code_hash", flat=True))
    assert stored_hashes == {hash_of(code) for _number, code in issued.codes}


# --- issuing a batch ----------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 500])
def test_a_batch_holds_from_one_to_five_hundred_numbered_codes(count):
    issued = issue(count=count)
    batch = issued.batch
    assert [number for number, _code in issued.codes] == list(range(1, count + 1))
    assert len({code for _number, code in issued.codes}) == count
    assert list(batch.codes.values_list("number", flat=True)) == list(range(1, count + 1))
    assert batch.neighbourhood == neighbourhood()


@pytest.mark.parametrize("count", [0, -1, 501])
def test_a_batch_outside_one_to_five_hundred_is_refused_and_nothing_is_stored(count):
    before = snapshot()
    with pytest.raises(ValueError):
        issue(count=count)
    assert snapshot() == before


def test_the_facilitator_downloads_the_sheet_of_a_new_batch(print_codes):
    place = neighbourhood()
    facilitator = User.objects.get(username="facilitator-lazaro-cardenas")
    client = Client()
    client.force_login(facilitator)
    before = set(CodeBatch.objects.values_list("pk", flat=True))
    data = {"count": "6", "days": "30", "label": "Taller de marzo", "paper": "a4"}
    sheet = sheet_made_by(print_codes(client, data))
    page = client.get(f"/workspace/code-sheets/{sheet.pk}/", headers=EN)
    assert "no-store" in page["Cache-Control"]
    assert "The batch was made on" in page_text(page)
    response = client.get(f"/workspace/code-sheets/{sheet.pk}/download/", headers=EN)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    (batch,) = CodeBatch.objects.exclude(pk__in=before)
    assert batch.neighbourhood == place
    assert batch.created_by == facilitator
    assert batch.label == "Taller de marzo"
    expected_end = timezone.now() + timedelta(days=30)
    assert abs(batch.expires_at - expected_end) < timedelta(minutes=5)
    assert batch.codes.count() == 6
    pdf = b"".join(response.streaming_content)
    sheet = assert_sheet_of(batch, pdf, count=6, site="http://testserver")
    # What is printed is what works: a slip from the sheet lets its holder in.
    assert join(sheet.codes[0]).status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"count": "0", "days": "30"},
        {"count": "501", "days": "30"},
        {"count": "", "days": "30"},
        {"count": "many", "days": "30"},
        {"count": "5", "days": "0"},
        {"count": "5", "days": "366"},
    ],
)
def test_a_wrong_request_for_codes_prints_nothing(client_for, data):
    place = neighbourhood()
    before = snapshot()
    response = client_for("facilitator").post(codes_page(place), data, headers=EN)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert NOTHING_SAVED in page_text(response)
    assert snapshot() == before


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


# --- redeeming a code ---------------------------------------------------------------------


def test_a_code_makes_a_pseudonymous_resident_of_its_neighbourhood_and_signs_them_in():
    code = issue("sanchez-taboada", count=1).codes[0][1]
    people_before = set(User.objects.values_list("pk", flat=True))
    client = Client()
    response = join(code, client=client)
    assert response.status_code == 302
    assert response["Location"] == "/join/about-you/"

    (resident,) = User.objects.exclude(pk__in=people_before)
    assert resident.username
    assert (resident.first_name, resident.last_name, resident.email) == ("", "", "")
    assert not resident.has_usable_password()
    assert not (resident.is_staff or resident.is_superuser or resident.is_researcher)
    assert list(resident.memberships.values_list("neighbourhood__slug", "role")) == [
        ("sanchez-taboada", "resident")
    ]
    used = ParticipantCode.objects.get(code_hash=hash_of(code))
    assert used.used_at is not None
    assert used.resident == resident

    following = client.get("/join/about-you/", headers=EN)
    assert following.status_code == 200
    assert following.wsgi_request.user == resident
    assert "Welcome. You are taking part anonymously." in page_text(following)


def test_the_resident_may_say_which_groups_they_belong_to_or_nothing():
    code = issue(count=1).codes[0][1]
    client = Client()
    assert join(code, client=client).status_code == 302
    resident = ParticipantCode.objects.get(code_hash=hash_of(code)).resident
    chosen = ParticipantGroup.objects.filter(slug__in=["women", "youths"])

    response = client.post(
        "/join/about-you/", {"groups": [group.pk for group in chosen]}, headers=EN
    )
    assert response.status_code == 302
    assert response["Location"] == "/vote/"
    assert set(resident.resident_profile.groups.all()) == set(chosen)

    # Saying nothing is a valid answer, and takes back what was said.
    response = client.post("/join/about-you/", {}, headers=EN)
    assert response.status_code == 302
    assert not resident.resident_profile.groups.exists()


def test_the_link_on_the_slip_fills_the_code_in():
    code = issue(count=1).codes[0][1]
    response = Client().get(f"/join/?code={quote(code)}", headers=EN)
    assert response.status_code == 200
    assert f'value="{code}"' in response.content.decode()
    # Opening the link redeems nothing: the holder still has to press Enter.
    assert ParticipantCode.objects.get(code_hash=hash_of(code)).used_at is None


def test_withdrawing_one_slip_leaves_the_others_of_its_batch_usable():
    issued = issue(count=2)
    assert services.revoke_code(issued.batch, 1)
    assert join(issued.codes[0][1]).status_code == 400
    assert join(issued.codes[1][1]).status_code == 302


# --- refusals: one message for every reason -----------------------------------------------


def live_code():
    return issue(count=1).codes[0][1]


def code_of_a_deleted_resident():
    from privacy.services import delete_resident

    code = live_code()
    delete_resident(services.redeem(code))
    return code


def withdrawn_code():
    issued = issue(count=2)
    services.revoke_code(issued.batch, 2)
    return issued.codes[1][1]


def code_of_withdrawn_batch():
    issued = issue(count=2)
    services.revoke_batch(issued.batch)
    return issued.codes[0][1]


def expired_code():
    return issue(count=1, expires_at=timezone.now() - timedelta(minutes=1)).codes[0][1]


def too_short_code():
    return live_code()[:9]


def with_look_alike(character):
    def make():
        # A live code with one character swapped for a look-alike: close to
        # a real code, yet not one.
        code = live_code()
        return code[:5] + character + code[6:]

    make.__name__ = f"with_{character}"
    return make


def nonexistent_code():
    return codes.new_code()


REFUSALS = [
    code_of_a_deleted_resident,
    withdrawn_code,
    code_of_withdrawn_batch,
    expired_code,
    too_short_code,
    *(with_look_alike(character) for character in LOOK_ALIKES),
    nonexistent_code,
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("make_code", REFUSALS, ids=lambda make: make.__name__)
def test_a_code_that_cannot_be_used_is_refused_and_nothing_is_stored(make_code, language):
    typed = make_code()
    before = snapshot()
    client = Client()
    response = join(typed, language=language, client=client)
    assert response.status_code == 400
    assert REFUSED[language] in page_text(response)
    assert snapshot() == before
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_refusal_reads_the_same_so_none_tells_whether_a_code_exists(language):
    answers = {}
    for index, make_code in enumerate(REFUSALS):
        typed = make_code()
        response = join(typed, language=language, address=f"198.51.100.{index + 1}")
        answers[make_code.__name__] = (response.status_code, page_text(response))
    assert len(set(answers.values())) == 1, answers.keys()
    ((status, text),) = set(answers.values())
    assert status == 400
    assert text.count(REFUSED[language]) == 1


# --- throttling ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_address_that_tried_too_many_codes_is_stopped(settings, language):
    settings.REDEEM_RATE_PER_ADDRESS = "4/d"
    valid = live_code()
    for _ in range(4):
        assert join(codes.new_code(), language=language).status_code == 400
    before = snapshot()
    response = join(valid, language=language)
    assert response.status_code == 429
    heading, explanation = TOO_MANY[language]
    text = page_text(response)
    assert heading in text
    assert explanation in text
    assert REFUSED[language] not in text
    # Not even a good code gets through while stopped.
    assert snapshot() == before
    # Someone typing from elsewhere is not held back.
    assert join(valid, language=language, address=OTHER_ADDRESS).status_code == 302


def test_the_stop_ends_when_its_window_has_passed(settings):
    settings.REDEEM_RATE_PER_ADDRESS = "3/2s"
    valid = live_code()
    for _ in range(3):
        assert join(codes.new_code()).status_code == 400
    # A window may end between two of these attempts and start the count
    # afresh; within one more window's worth of attempts the stop comes.
    statuses = []
    while 429 not in statuses and len(statuses) < 4:
        statuses.append(join(codes.new_code()).status_code)
    assert statuses[-1] == 429, statuses
    time.sleep(2.2)
    response = join(valid)
    assert response.status_code == 302
    assert ParticipantCode.objects.get(code_hash=hash_of(valid)).used_at is not None


def test_a_batch_tried_too_often_is_stopped_from_every_address(settings):
    settings.REDEEM_RATE_PER_BATCH = "3/d"
    issued = issue(count=2)
    (_first, withdrawn), (_second, fresh) = issued.codes
    services.revoke_code(issued.batch, 1)
    for host in range(1, 4):
        assert join(withdrawn, address=f"198.51.100.{host}").status_code == 400
    before = snapshot()
    response = join(fresh, address="198.51.100.50")
    assert response.status_code == 429
    assert TOO_MANY["en"][0] in page_text(response)
    assert snapshot() == before
    # Codes of other batches are counted apart.
    other = issue(count=1).codes[0][1]
    assert join(other, address="198.51.100.51").status_code == 302


# --- who prints and withdraws codes -------------------------------------------------------

ROLES = ("visitor", "resident", "other_facilitator", "facilitator", "researcher", "admin")
# fmt: off
CODES_PAGE = {
    # role                GET  POST withdraw
    "visitor":           (302, 302, 302),
    "resident":          (403, 403, 403),
    "other_facilitator": (403, 403, 403),
    "facilitator":       (200, 302, 302),
    "researcher":        (200, 403, 403),
    "admin":             (200, 302, 302),
}
# fmt: on


def assert_sign_in_redirect(response, url):
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={quote(url)}"


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_codes_page(client_for, role):
    place = neighbourhood()
    issue(count=2, label="Lote de la feria")
    url = codes_page(place)
    response = client_for(role).get(url, headers=EN)
    expected = CODES_PAGE[role][0]
    if role == "visitor":
        assert_sign_in_redirect(response, url)
        return
    assert response.status_code == expected
    if expected == 200:
        text = page_text(response)
        assert "Lote de la feria" in text
        assert "2 codes · used: 0 · withdrawn: 0" in text
        may_print = role in {"facilitator", "admin"}
        assert ("Make the codes and their sheet (PDF)" in text) is may_print
        assert ("Withdraw this slip" in text) is may_print


@pytest.mark.parametrize("role", ROLES)
def test_who_may_print_codes(client_for, demo_users, role, print_codes):
    place = neighbourhood()
    url = codes_page(place)
    before = snapshot()
    batches_before = set(CodeBatch.objects.values_list("pk", flat=True))
    response = print_codes(client_for(role), {"count": "2", "days": "7", "paper": "letter"})
    expected = CODES_PAGE[role][1]
    if role == "visitor":
        assert_sign_in_redirect(response, url)
    else:
        assert response.status_code == expected
    if expected == 302 and role != "visitor":
        sheet = sheet_made_by(response)
        assert sheet.status == CodeSheet.Status.READY
        (batch,) = CodeBatch.objects.exclude(pk__in=batches_before)
        assert sheet.batch == batch
        assert batch.neighbourhood == place
        assert batch.created_by == demo_users[role]
        assert batch.codes.count() == 2
    else:
        assert snapshot() == before
        assert not CodeSheet.objects.exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("number", ["1", "all"])
def test_who_may_withdraw_codes(client_for, role, number):
    issued = issue(count=2)
    url = withdraw_url(issued.batch)
    before = snapshot()
    response = client_for(role).post(url, {"number": number, "confirm": "yes"}, headers=EN)
    expected = CODES_PAGE[role][2]
    if role == "visitor":
        assert_sign_in_redirect(response, url)
    else:
        assert response.status_code == expected
    withdrawn = expected == 302 and role != "visitor"
    if withdrawn:
        assert response["Location"] == codes_page(issued.batch.neighbourhood)
    else:
        assert snapshot() == before
    first, second = (join(code).status_code for _number, code in issued.codes)
    if withdrawn:
        assert first == 400
        assert second == (400 if number == "all" else 302)
    else:
        assert first == second == 302


def test_withdrawing_a_slip_that_is_not_there_changes_nothing(client_for):
    issued = issue(count=2)
    services.revoke_code(issued.batch, 2)
    client = client_for("facilitator")
    for number in ("2", "3", "0", "", "x"):
        before = snapshot()
        response = client.post(
            withdraw_url(issued.batch), {"number": number}, follow=True, headers=EN
        )
        assert response.status_code == 200
        text = page_text(response)
        assert (
            "No slip with that number is left to withdraw in this batch. Nothing was changed."
            in text
        )
        assert snapshot() == before


def test_withdrawing_a_whole_batch_asks_for_a_confirmation(client_for):
    issued = issue(count=2)
    before = snapshot()
    for data in ({"number": "all"}, {"number": "all", "confirm": "no"}):
        response = client_for("facilitator").post(
            withdraw_url(issued.batch), data, follow=True, headers=EN
        )
        assert "Tick the box to confirm" in page_text(response)
        assert snapshot() == before
    response = client_for("facilitator").post(
        withdraw_url(issued.batch), {"number": "all", "confirm": "yes"}, follow=True, headers=EN
    )
    # The batch says it is withdrawn, and so do its counts.
    assert "2 codes · used: 0 · withdrawn: 2" in page_text(response)


@pytest.mark.parametrize("number", ["1", "all"])
def test_a_lost_slip_of_a_resident_is_withdrawn_and_signs_its_finder_out(client_for, number):
    """A used slip, lost: once withdrawn it lets nobody in as its resident,
    and whoever is signed in with it is signed out; their vote stays."""
    issued = issue(count=2)
    code = issued.codes[0][1]
    holder = Client()
    assert join(code, client=holder).status_code == 302
    resident = ParticipantCode.objects.get(batch=issued.batch, number=1).resident
    assert holder.get("/my-data/").status_code == 200
    response = client_for("facilitator").post(
        withdraw_url(issued.batch), {"number": number, "confirm": "yes"}, follow=True, headers=EN
    )
    expected = (
        "Every code of this batch is withdrawn"
        if number == "all"
        else "Slip 1 is withdrawn: no one can join or come back with it."
    )
    assert expected in page_text(response)
    assert join(code).status_code == 400
    assert holder.get("/my-data/").status_code == 302  # signed out: to the sign-in page
    resident.refresh_from_db()
    assert resident.is_active  # their participation is kept
    assert ParticipantCode.objects.get(batch=issued.batch, number=1).resident == resident
