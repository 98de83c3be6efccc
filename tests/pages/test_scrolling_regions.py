"""A table wider than a phone scrolls inside its box; a box that scrolls is
reachable from the keyboard (WCAG 2.1.1), so each takes focus."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
BOX = re.compile(r"<div\b[^>]*\btable-responsive\b[^>]*>")


def test_every_scrolling_table_box_takes_focus():
    boxes = [
        (path.relative_to(TEMPLATES), tag)
        for path in TEMPLATES.rglob("*.html")
        for tag in BOX.findall(path.read_text(encoding="utf-8"))
    ]
    assert boxes
    assert [(path, tag) for path, tag in boxes if 'tabindex="0"' not in tag] == []
