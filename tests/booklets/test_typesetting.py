"""The print-only touches to a booklet's HTML change spaces only: a
paragraph's last two words are bound, a space before bold text or a link
moves inside it, and tags, links and styles come out as they went in."""

from booklets.typesetting import NBSP, typeset

LONG = "Organizar reuniones de mujeres de distintas partes de la colonia para hacer"


def test_the_last_two_words_of_a_long_paragraph_are_bound():
    assert typeset(f"<p>{LONG} juntas actividades.</p>") == (
        f"<p>{LONG} juntas{NBSP}actividades.</p>"
    )


def test_binding_looks_through_bold_text_and_links_without_touching_them():
    html = f'<li><p>{LONG} y <a href="/a/b#x" title="a > b">crear redes</a>.</p></li>'
    assert typeset(html) == (
        f'<li><p>{LONG} y<a href="/a/b#x" title="a > b"> crear{NBSP}redes</a>.</p></li>'
    )


def test_a_short_paragraph_and_a_long_last_word_are_left_as_written():
    assert typeset("<p>Dos palabras.</p>") == "<p>Dos palabras.</p>"
    long_word = "internacionalización-de-las-políticas"
    assert typeset(f"<p>{LONG} {long_word}</p>") == f"<p>{LONG} {long_word}</p>"


def test_a_space_before_an_inline_element_moves_inside_it():
    assert typeset("<p>hacer juntas y <strong>crear</strong></p>") == (
        "<p>hacer juntas y<strong> crear</strong></p>"
    )


def test_styles_and_drawings_are_not_touched():
    html = (
        "<style>.a b { content: 'x y'; }</style>"
        f"<svg><text>{LONG} uno dos</text></svg><title>{LONG} a <b>b</b></title>"
    )
    assert typeset(html) == html
