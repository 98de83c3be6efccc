"""Each text's Markdown is turned into HTML once and kept, by a converter
each thread reuses (core.text): one text never leaks into another, and the
HTML kept is the sanitised one."""

from core.text import render_markdown


def test_a_link_defined_in_one_text_is_not_found_in_the_next():
    first = render_markdown("[the report]: https://example.org/report\n\nRead [the report].")
    assert 'href="https://example.org/report"' in first

    second = render_markdown("Read [the report].")

    assert "href" not in second
    assert "[the report]" in second


def test_a_text_read_again_is_the_same_sanitised_html():
    text = 'Hello <script>alert(1)</script> **world** <a href="javascript:x()">x</a>'
    first = render_markdown(text)
    again = render_markdown(text)
    assert again == first
    assert "<script" not in again and "javascript:" not in again
    assert "<strong>world</strong>" in again


def test_replacements_are_made_before_the_text_is_kept():
    text = "We were {participants}."
    assert render_markdown(text, participants=12) == "<p>We were 12.</p>"
    assert render_markdown(text, participants=13) == "<p>We were 13.</p>"
