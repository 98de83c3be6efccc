"""A printable sheet of participant code slips: the code, a QR code that
opens the page to type it (filled in), and short instructions in Spanish
and English.

Each QR code is a tiny PNG, one pixel per module, drawn sharp at print size
(`image-rendering: pixelated`): WeasyPrint places an image far faster than
it draws the same code as SVG paths, and a sheet of 500 slips is made in
the time of a few booklets. The images are handed to WeasyPrint from memory
under the booklets' made-up address; nothing else is fetched."""

import io
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML
from weasyprint.urls import URLFetcherResponse

from booklets.fetcher import BASE_URL, StaticOnlyFetcher

QR_PREFIX = f"{BASE_URL}qr/"


class SlipsFetcher(StaticOnlyFetcher):
    """The site's static files, and the sheet's own QR codes from memory."""

    def __init__(self, images):
        super().__init__()
        self.images = images

    def fetch(self, url, headers=None):
        if url in self.images:
            return URLFetcherResponse(url, self.images[url], {"Content-Type": "image/png"})
        return super().fetch(url, headers)


def qr_png(url):
    qr = segno.make(url, error="m")
    png = io.BytesIO()
    qr.save(png, kind="png", scale=1, border=4)
    return png.getvalue()


def redeem_url(code, site_url=None):
    base = (site_url or settings.SITE_URL).rstrip("/")
    return f"{base}{reverse('redeem')}?{urlencode({'code': code})}"


def slips_pdf(issued, site_url=None):
    slips, images = [], {}
    for number, code in issued.codes:
        url = redeem_url(code, site_url)
        image = f"{QR_PREFIX}{number}.png"
        images[image] = qr_png(url)
        slips.append({"number": number, "code": code, "url": url, "qr": image})
    html = render_to_string(
        "residents/slips.html",
        {
            "batch": issued.batch,
            "slips": slips,
            "join": (site_url or settings.SITE_URL).rstrip("/") + reverse("redeem"),
        },
    )
    return HTML(string=html, base_url=BASE_URL, url_fetcher=SlipsFetcher(images)).write_pdf()
