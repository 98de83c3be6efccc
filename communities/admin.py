from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from access.admin_deletion import LinkRowsUnlisted

from .models import City, Membership, Neighbourhood, ParticipantGroup, SecurityDimension, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["neighbourhood"]


@admin.register(User)
class PersonAdmin(LinkRowsUnlisted, UserAdmin):
    list_display = ["username", "is_researcher", "is_superuser", "is_active"]
    list_filter = ["is_researcher", "is_superuser", "is_active"]
    fieldsets = UserAdmin.fieldsets + ((_("Role"), {"fields": ["is_researcher"]}),)  # type: ignore[operator]
    inlines = [MembershipInline]


class NeighbourhoodInline(admin.TabularInline):
    model = Neighbourhood
    fields = ["slug", "name_es", "name_en", "status"]
    extra = 0
    show_change_link = True


@admin.register(City)
class CityAdmin(LinkRowsUnlisted, TranslationAdmin):
    list_display = ["name", "state", "slug"]
    search_fields = ["name_es", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_es"]}
    inlines = [NeighbourhoodInline]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(LinkRowsUnlisted, TranslationAdmin):
    list_display = ["name", "city", "status", "slug"]
    list_filter = ["status", "city"]
    search_fields = ["name_es", "name_en", "slug"]
    filter_horizontal = ["groups_engaged"]
    list_select_related = ["city"]


@admin.register(SecurityDimension)
class SecurityDimensionAdmin(LinkRowsUnlisted, TranslationAdmin):
    list_display = ["name", "order", "colour", "icon", "slug"]
    list_editable = ["order"]


@admin.register(ParticipantGroup)
class ParticipantGroupAdmin(LinkRowsUnlisted, TranslationAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]


@admin.register(Membership)
class MembershipAdmin(LinkRowsUnlisted, admin.ModelAdmin):
    list_display = ["user", "neighbourhood", "role"]
    list_filter = ["role", "neighbourhood"]
    autocomplete_fields = ["user", "neighbourhood"]
    list_select_related = ["user", "neighbourhood"]
