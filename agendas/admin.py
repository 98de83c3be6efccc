from django import forms
from django.contrib import admin
from modeltranslation.admin import TranslationTabularInline

from access.admin_mixins import ScopedInlineMixin, ScopedTranslationAdmin
from core.forms import LinksByServices

from . import services
from .models import Agenda, Issue, Section


class SectionInline(ScopedInlineMixin, TranslationTabularInline):
    model = Section
    extra = 0


@admin.register(Agenda)
class AgendaAdmin(ScopedTranslationAdmin):
    list_display = ["title", "scope", "neighbourhood", "status", "slug"]
    list_filter = ["scope", "status"]
    list_select_related = ["neighbourhood"]
    search_fields = ["title_es", "title_en", "slug"]
    inlines = [SectionInline]


class IssueAdminForm(LinksByServices, forms.ModelForm):
    links = {"workshops": (services.check_workshops, services.set_workshops)}


@admin.register(Issue)
class IssueAdmin(ScopedTranslationAdmin):
    form = IssueAdminForm
    list_display = ["title", "agenda", "dimension", "kind", "visibility", "order"]
    list_filter = ["kind", "visibility", "agenda", "dimension"]
    list_select_related = ["agenda", "dimension"]
    search_fields = ["title_es", "title_en"]
    filter_horizontal = ["related_dimensions"]
