from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import SiteText


@admin.register(SiteText)
class SiteTextAdmin(TranslationAdmin):
    list_display = ["slug", "title"]
