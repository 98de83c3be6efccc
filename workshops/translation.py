from modeltranslation.translator import TranslationOptions, register

from .models import Workshop


@register(Workshop)
class WorkshopTranslation(TranslationOptions):
    fields = ("title", "place", "method", "notes")
