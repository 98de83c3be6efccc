"""A printable sheet of participant code slips: the code, a QR code that
opens the page to type it (filled in), and short instructions in Spanish
and English."""

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from booklets.rendering import render_pdf


def redeem_url(code, site_url=None):
    base = (site_url or settings.SITE_URL).rstrip("/")
    return f"{base}{reverse('redeem')}?{urlencode({'code': code})}"


def slips_pdf(issued, site_url=None):
    slips = []
    for number, code in issued.codes:
        url = redeem_url(code, site_url)
        qr = segno.make(url, error="m")
        slips.append(
            {"number": number, "code": code, "url": url, "qr": mark_safe(qr.svg_inline(scale=2))}
        )
    html = render_to_string(
        "residents/slips.html",
        {
            "batch": issued.batch,
            "slips": slips,
            "join": (site_url or settings.SITE_URL).rstrip("/") + reverse("redeem"),
        },
    )
    return render_pdf(html)
