"""Administrators say which participant groups are sensitive personal data."""

from django.contrib import admin

from access.admin_deletion import LinkRowsUnlisted

from .models import SensitiveGroup


@admin.register(SensitiveGroup)
class SensitiveGroupAdmin(LinkRowsUnlisted, admin.ModelAdmin):
    list_display = ["group"]
