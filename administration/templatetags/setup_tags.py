"""The colour swatch the administrators' pages draw beside a colour's name."""

from django import template

from administration.forms import swatch as swatch_address

register = template.Library()


@register.filter
def swatch(colour: str) -> str:
    return swatch_address(colour)
