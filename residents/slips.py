"""A printable sheet of participant code slips: the code, a QR code that
opens the page to type it (filled in), and short instructions in Spanish
and English, ten slips to a page in cutting guides, on A4 or Letter.

Every page of a sheet looks the same but for its codes, so the page is laid
out once: WeasyPrint lays out a page of slips (guides, instructions, the
neighbourhood) with empty places for what differs from slip to slip — the
code, the slip's number and its QR code — and tells where those places
landed. Each page of the sheet is that page again, with its slips' codes,
numbers and QR codes drawn into the places. A sheet of 500 codes costs one
or two page layouts (the last page may hold fewer slips), not 500 slip
layouts; nothing can fall across a page break, since a page holds whole
slips by construction.

The codes are drawn in Helvetica Bold, one of the fonts every PDF reader
has, so nothing is embedded for them; each QR code is an image of one pixel
per module, drawn sharp (no smoothing) at print size. Nothing is fetched but
the site's own static files."""

import io
from dataclasses import dataclass
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from booklets.models import Paper
from booklets.rendering import PAPER_SIZES
from core.pdf import laid_out

# The pages' geometry, in millimetres: two columns of five slips.
COLUMNS, ROWS = 2, 5
PER_PAGE = COLUMNS * ROWS
MARGIN = 10
PAPER_HEIGHTS = {Paper.A4: 297, Paper.LETTER: 279.4}
CODE_SIZE = 14  # points
NUMBER_SIZE = 9  # points

# Every QR code is made the same way: error correction M (a slip may be
# creased or smudged) and one fixed mask. Choosing the mask with the lowest
# penalty would cost three times as long; readers decode any mask.
QR_OPTIONS = {"error": "m", "mask": 0, "micro": False, "boost_error": False}
QR_BORDER = 4  # the light modules around a QR code that readers need

# Helvetica Bold's advance widths (in thousandths of the font size) of the
# characters a code is made of, from the font's published metrics: enough
# to shrink a code that would not fit its place.
_HELVETICA_BOLD = {
    **dict.fromkeys("ABCDHKNRU", 722),
    **dict.fromkeys("EPSVXY", 667),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("GOQ", 778),
    "J": 556,
    "M": 833,
    "W": 944,
    **dict.fromkeys("0123456789", 556),
    "-": 333,
}
PT_PER_PX = 0.75  # WeasyPrint lays out in CSS pixels; PDF measures in points


class SlipsDoNotFit(RuntimeError):
    """The laid-out slip overflows its cutting guides (a translation grew):
    no sheet is better than one whose slips are cut through their text."""


def redeem_url(code, site_url=None):
    base = (site_url or settings.SITE_URL).rstrip("/")
    return f"{base}{reverse('redeem')}?{urlencode({'code': code})}"


def qr_matrix(text):
    """The QR code of `text`, rows of booleans (True: dark), border included."""
    return [
        [bool(dark) for dark in row]
        for row in segno.make(text, **QR_OPTIONS).matrix_iter(border=QR_BORDER)
    ]


@dataclass(frozen=True)
class Place:
    """A rectangle on a PDF page, in points from the bottom left corner."""

    left: float
    bottom: float
    right: float
    top: float


def slips_pdf(issued, site_url=None, paper=Paper.LETTER):
    """The sheet of an issued batch (`issued.codes`: [(number, code)]), as PDF bytes."""
    pages = [
        issued.codes[start : start + PER_PAGE] for start in range(0, len(issued.codes), PER_PAGE)
    ]
    layouts = sorted({len(page) for page in pages}, reverse=True)  # a full page, a short last one
    # The address is never broken across lines: half of it would be typed.
    join = format_html(
        '<span class="address">{}</span>',
        (site_url or settings.SITE_URL).rstrip("/") + reverse("redeem"),
    )
    html = render_to_string(
        "residents/slips.html",
        {
            "neighbourhood": issued.batch.neighbourhood,
            "expires": getattr(issued.batch, "expires_at", None),
            "join": join,
            "page_size": PAPER_SIZES[paper],
            "margin": MARGIN,
            # A hair under a fifth of the page, so that rounding never pushes
            # the fifth row onto a page of its own.
            "row_height": f"{(PAPER_HEIGHTS[paper] - 2 * MARGIN) / ROWS - 0.1:.2f}",
            "layouts": [range(count) for count in layouts],
        },
    )
    document = laid_out(html)
    if len(document.pages) != len(layouts):
        raise SlipsDoNotFit("The slips do not fit their pages.")
    places = [
        _places(page, index, count)
        for index, (page, count) in enumerate(zip(document.pages, layouts, strict=True))
    ]
    laid_out_pages = PdfReader(io.BytesIO(document.write_pdf())).pages
    writer = PdfWriter()
    for slips in pages:
        layout = layouts.index(len(slips))
        page = writer.add_page(laid_out_pages[layout])
        _draw_slips(writer, page, zip(slips, places[layout], strict=True), site_url)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CODE_FONT = {
    "/Type": "/Font",
    "/Subtype": "/Type1",
    "/BaseFont": "/Helvetica-Bold",
    "/Encoding": "/WinAnsiEncoding",
}


def _draw_slips(writer, page, slips, site_url):
    """Draw each slip's QR code, code and number into its places on `page`
    (a copy of a laid-out page): [((number, code), (qr, code, number places))]."""
    images, drawing = DictionaryObject(), []
    for (number, code), (qr, code_place, number_place) in slips:
        name = NameObject(f"/SlipQR{number}")
        images[name] = writer._add_object(_qr_image(redeem_url(code, site_url)))
        drawing.append(_draw_image(name, qr))
        drawing.append(_draw_text(code, code_place, CODE_SIZE, spacing=0.6))
        drawing.append(_draw_text(str(number), number_place, NUMBER_SIZE))
    resources = DictionaryObject(page["/Resources"].get_object())
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects.update(images)
    fonts = DictionaryObject(resources.get("/Font", DictionaryObject()).get_object())
    fonts[NameObject("/SlipCode")] = DictionaryObject(
        {NameObject(key): NameObject(value) for key, value in CODE_FONT.items()}
    )
    resources[NameObject("/XObject")] = xobjects
    resources[NameObject("/Font")] = fonts
    page[NameObject("/Resources")] = resources
    # The laid-out page runs in its own graphics state (WeasyPrint scales its
    # coordinates); the slips' own drawing comes after it, in points.
    contents = page["/Contents"]
    laid = list(contents) if isinstance(contents, ArrayObject) else [page.raw_get("/Contents")]
    overlay = _stream("\n".join(drawing).encode("latin-1"))
    page[NameObject("/Contents")] = ArrayObject(
        [
            writer._add_object(_stream(b"q")),
            *laid,
            writer._add_object(_stream(b"Q")),
            writer._add_object(overlay),
        ]
    )


def _places(page, index, count):
    """Where each slip's QR code, code and number go on a laid-out page."""
    height = page.height * PT_PER_PX

    def place(name, slip):
        left, top, right, bottom = page.anchors[f"{name}-{index}-{slip}"]
        return Place(
            left * PT_PER_PX,
            height - bottom * PT_PER_PX,
            right * PT_PER_PX,
            height - top * PT_PER_PX,
        )

    places = []
    for slip in range(count):
        outline, end = place("slip", slip), place("end", slip)
        if end.bottom < outline.bottom:
            raise SlipsDoNotFit("The text of a slip runs past its cutting guides.")
        places.append((place("qr", slip), place("code", slip), place("number", slip)))
    return places


def _stream(data):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _qr_image(text):
    matrix = qr_matrix(text)
    size = len(matrix)
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    image = _stream(pixels)
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(size),
            NameObject("/Height"): NumberObject(size),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            # Sharp modules, never smoothed into grey by a viewer or a printer.
            NameObject("/Interpolate"): BooleanObject(False),
        }
    )
    return image.flate_encode()


def _draw_image(name, place):
    width, height = place.right - place.left, place.top - place.bottom
    return f"q {width:.2f} 0 0 {height:.2f} {place.left:.2f} {place.bottom:.2f} cm {name} Do Q"


def _draw_text(text, place, size, spacing=0.0):
    """`text` (characters of a code or a number) on one line, centred in
    the height of its place and shrunk if it would not fit its width."""
    width = sum(_HELVETICA_BOLD[char] for char in text) * size / 1000 + spacing * len(text)
    room = place.right - place.left
    if width > room:
        size, spacing = size * room / width, spacing * room / width
    cap_height = 0.718 * size
    baseline = place.bottom + (place.top - place.bottom - cap_height) / 2
    return (
        f"BT /SlipCode {size:.2f} Tf {spacing:.2f} Tc 0 g "
        f"{place.left:.2f} {baseline:.2f} Td ({text}) Tj ET"
    )
