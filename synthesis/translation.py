from modeltranslation.translator import TranslationOptions, register

from .models import NationalPoint


@register(NationalPoint)
class NationalPointTranslation(TranslationOptions):
    fields = ("text",)
