"""The contrast of white text on a colour, as WCAG 2.2 computes it: the
number that decides whether a dimension's colour may be used."""

import pytest

from core.colours import carries_white_text, contrast_ratio, contrast_with_white


def test_black_on_white_is_the_largest_contrast_and_white_on_white_none():
    assert contrast_with_white("#000000") == pytest.approx(21)
    assert contrast_with_white("#ffffff") == pytest.approx(1)


def test_the_ratio_is_the_same_either_way_round():
    assert contrast_ratio("#1f5f8b", "#ffffff") == contrast_ratio("#ffffff", "#1f5f8b")


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [
        ("#767676", 4.54),  # the lightest grey that passes, as WCAG's examples say
        ("#777777", 4.48),
        ("#1f5f8b", 6.85),
        ("#ffff00", 1.07),
        ("#0000ff", 8.59),
    ],
)
def test_known_ratios(colour, ratio):
    assert contrast_with_white(colour) == pytest.approx(ratio, abs=0.01)


def test_aa_needs_four_and_a_half_to_one():
    assert carries_white_text("#767676")
    assert not carries_white_text("#777777")


def test_upper_case_hex_reads_as_lower_case():
    assert contrast_with_white("#1F5F8B") == contrast_with_white("#1f5f8b")


@pytest.mark.parametrize("value", ["1f5f8b", "#fff", "#12345g", "navy", ""])
def test_anything_but_hash_and_six_hex_digits_is_not_a_colour(value):
    with pytest.raises(ValueError):
        contrast_with_white(value)
