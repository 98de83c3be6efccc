"""Every box that scrolls a wide table sideways (Bootstrap's
table-responsive) is a region named by its table's heading or caption, as
well as taking focus (tests/pages/test_scrolling_regions.py): a keyboard
user reaches it, and a screen reader says what it holds (WCAG 2.1.1, 4.1.2).
The browser tests check the boxes that do scroll on a phone."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
BOX = re.compile(r"<div\b[^>]*\btable-responsive\b[^>]*>")
NAMED_REGION = re.compile(r'role="region"[^>]*\baria-label(ledby)?="[^"]+"')


def test_every_scrolling_table_box_is_a_named_region():
    boxes = [
        (str(path.relative_to(TEMPLATES)), tag)
        for path in TEMPLATES.rglob("*.html")
        for tag in BOX.findall(path.read_text(encoding="utf-8"))
    ]
    assert len(boxes) > 10
    assert [(path, tag) for path, tag in boxes if not NAMED_REGION.search(tag)] == []
