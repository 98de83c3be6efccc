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
