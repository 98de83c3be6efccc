r"""Page images of the demo booklets, so that a change of their layout is
seen: the cover and one inner page of each demo agenda's booklet, in
Spanish and English, A4 public and internal editions (the internal one
with a fixed export stamp) and Letter public, drawn small and grey (pypdfium2) and compared
with the images kept in tests/booklets/snapshots/ within a tolerance.

When the booklet's design changes on purpose, make the images anew with
one command, look at them, and commit them:

    UPDATE_BOOKLET_SNAPSHOTS=1 .venv/bin/python -m pytest -p no:randomly \
        tests/booklets/test_booklet_snapshots.py

A failing comparison names the kept image and writes the new one next to
the others in a temporary folder (named in the message) for inspection.
"""

import io
import os
import tempfile
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageStat

from .layout import rendered_booklets
from .pdf import AGENDAS, LANGUAGES

pytestmark = pytest.mark.django_db

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("UPDATE_BOOKLET_SNAPSHOTS") == "1"
NEW_IMAGES = Path(tempfile.gettempdir()) / "booklet-snapshots"
DPI = 45
# Mean difference per pixel, in grey levels (0-255). A re-render of the same
# booklet differs by 0; a line of text moved, a margin changed or a heading
# restyled differs by more than this.
TOLERANCE = 0.25
PAGES = {"cover": 1, "inner": 3}
KEYS = [
    (slug, language, paper, edition)
    for slug in AGENDAS
    for language in LANGUAGES
    for paper, edition in (("a4", "public"), ("a4", "internal"), ("letter", "public"))
]
CASES = [(key, name) for key in KEYS for name in PAGES]


@pytest.fixture(scope="module")
def booklets(django_db_setup, django_db_blocker):
    return rendered_booklets(django_db_blocker, KEYS)


def page_image(pdf, number):
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[min(number, len(document)) - 1]
        bitmap = page.render(scale=DPI / 72, grayscale=True)
        return bitmap.to_pil().convert("L")
    finally:
        document.close()


def png(image):
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def difference(kept, new):
    if kept.size != new.size:
        return float("inf")
    return ImageStat.Stat(ImageChops.difference(kept, new)).mean[0]


@pytest.mark.parametrize(
    ("key", "page"), CASES, ids=lambda v: "-".join(v) if isinstance(v, tuple) else v
)
def test_booklet_page_looks_as_kept(booklets, key, page):
    name = "-".join((*key, page)) + ".png"
    image = page_image(booklets[key].pdf, PAGES[page])
    kept_file = SNAPSHOTS / name
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        kept_file.write_bytes(png(image))
        return
    assert kept_file.exists(), (
        f"No kept image {kept_file}: make it with UPDATE_BOOKLET_SNAPSHOTS=1 "
        "(see this file's docstring)."
    )
    with Image.open(kept_file) as kept:
        diff = difference(kept.convert("L"), image)
    if diff > TOLERANCE:
        NEW_IMAGES.mkdir(parents=True, exist_ok=True)
        (NEW_IMAGES / name).write_bytes(png(image))
        pytest.fail(
            f"{name} differs from the kept image (mean difference {diff:.2f} > {TOLERANCE}): "
            f"kept {kept_file}, new {NEW_IMAGES / name}. If the change is meant, "
            "make the images anew (see this file's docstring)."
        )
