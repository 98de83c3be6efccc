from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
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
    """An agenda moves from draft to publication only through its steps on
    the workspace (publication.lifecycle), which record who moved it and
    freeze each published text: here its status is read, never set."""

    list_display = ["title", "scope", "neighbourhood", "status", "slug"]
    list_filter = ["scope", "status"]
    list_select_related = ["neighbourhood"]
    search_fields = ["title_es", "title_en", "slug"]
    readonly_fields = ["status", "steps", "updated_at"]
    inlines = [SectionInline]

    @admin.display(description=_("steps"))
    def steps(self, agenda):
        if agenda.pk is None:
            return _("A new agenda starts as a draft.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("workspace-agenda", args=[agenda.slug]),
            _("Its status is changed in its steps on the workspace page, which keep who moved it."),
        )


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
