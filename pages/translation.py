from modeltranslation.translator import TranslationOptions, register

from .models import SiteText


@register(SiteText)
class SiteTextTranslation(TranslationOptions):
    fields = ("title", "body")
