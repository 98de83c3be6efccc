"""What the tests of participant codes share: the texts a person reads, a
batch issued and a code typed in as on the site, everything a refused
attempt must leave as it was, and a sheet of slips read back from its PDF."""

import io
import re
import string

import segno
from django.contrib.auth import get_user_model
from django.test import Client
from pypdf import PdfReader

from communities.models import Membership, Neighbourhood
from residents import codes, services
from residents.models import CodeBatch, CodeSheet, ParticipantCode, ResidentProfile
from residents.slips import QR_OPTIONS
from tests.helpers import HEADERS, squash

from ..pages.helpers import page_text

User = get_user_model()

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


def neighbourhood(slug=HOME):
    return Neighbourhood.objects.get(slug=slug)


def issue(slug=HOME, count=3, **options):
    return services.issue_batch(neighbourhood(slug), count, **options)


def join(code, *, language="en", address=ADDRESS, client=None):
    client = client or Client()
    return client.post("/join/", {"code": code}, headers=HEADERS[language], REMOTE_ADDR=address)


def codes_page(place):
    return f"/workspace/neighbourhoods/{place.pk}/codes/"


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
