"""Which texts are kept in both Spanish and English."""

from modeltranslation.translator import TranslationOptions, register

from .models import City, Neighbourhood, ParticipantGroup, SecurityDimension


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Neighbourhood)
class NeighbourhoodTranslation(TranslationOptions):
    fields = ("name", "stopped_reason")


@register(SecurityDimension)
class SecurityDimensionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ParticipantGroup)
class ParticipantGroupTranslation(TranslationOptions):
    fields = ("name",)
