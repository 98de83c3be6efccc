"""How readable white text is on a colour (WCAG 2.2, success criterion
1.4.3): the dimension colours carry white labels in pages and booklets, so
each must reach the AA contrast for normal text."""

import re

AA_NORMAL_TEXT = 4.5
WHITE = "#ffffff"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def relative_luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour (WCAG's definition)."""
    if not HEX_COLOUR.match(colour):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")

    def channel(value: int) -> float:
        srgb = value / 255
        return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """The contrast ratio of two #rrggbb colours, from 1 (none) to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_with_white(colour: str) -> float:
    return contrast_ratio(colour, WHITE)


def carries_white_text(colour: str) -> bool:
    """True when white text of normal size is readable on `colour` (AA)."""
    return contrast_with_white(colour) >= AA_NORMAL_TEXT
