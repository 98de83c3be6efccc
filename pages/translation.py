from modeltranslation.translator import TranslationOptions, register

from .models import PrivacyNotice, SiteText


@register(SiteText)
class SiteTextTranslation(TranslationOptions):
    fields = ("title", "body")


@register(PrivacyNotice)
class PrivacyNoticeTranslation(TranslationOptions):
    fields = ("title", "body")
