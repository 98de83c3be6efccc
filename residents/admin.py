"""Administrators say which participant groups are sensitive personal data."""

from django.contrib import admin

from .models import SensitiveGroup


@admin.register(SensitiveGroup)
class SensitiveGroupAdmin(admin.ModelAdmin):
    list_display = ["group"]
