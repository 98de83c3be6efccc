import segno
from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(value):
    """Text safe inside a double-quoted CSS string."""
    text = str(value)
    for char in ("\\", '"', "<", ">", "\n", "\r"):
        text = text.replace(char, f"\\{ord(char):x} ")
    # Nothing left can end the string or the <style> element.
    return mark_safe(text)


@register.filter
def qr_svg(address):
    """A QR code of `address` as an inline SVG drawing (the booklet's fetcher
    refuses data: addresses, so the code cannot be an image file). Its size
    is set by the stylesheet: the drawing (a viewBox) scales to it."""
    code = segno.make(str(address), error="m")
    svg = code.svg_inline(scale=1, border=4, omitsize=True, dark="#1b1b1b")
    # The address is printed beside it: the drawing says nothing more.
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" ', 1))
