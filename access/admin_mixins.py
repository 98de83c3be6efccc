"""The admin asks the same rules as the pages.

Every list, choice, filter and read-only display of a scoped admin starts
from the `visible_to` querysets, and object permissions come from
`access.rules`, so a staff member who facilitates one neighbourhood meets
nothing of another that they may not see:

- change lists, change pages and their history: `get_queryset`;
- the choices of a form (an issue picker, the agenda of a new proposal):
  the related `visible_to` queryset, and for the thing an item belongs to,
  its `editable_by` one (one adds an issue only to an agenda one may change);
- list filters: only the related objects one may see;
- a read-only page (view permission only): many-to-many lines list only
  the related objects one may see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.text import capfirst
from modeltranslation.admin import TranslationAdmin
from rules.contrib.admin import ObjectPermissionsInlineModelAdminMixin, ObjectPermissionsModelAdmin

from access.admin_deletion import LinkRowsUnlisted

if TYPE_CHECKING:
    from .types import Person

    # What the mixins extend, as the type checker should see them: they are
    # mixed only into admins and inlines.
    _BaseAdmin = admin.options.BaseModelAdmin[Any]
    _ModelAdmin = admin.ModelAdmin[Any]
    _InlineAdmin = admin.options.InlineModelAdmin[Any, Any]
else:
    _BaseAdmin = _ModelAdmin = _InlineAdmin = object


def visible(queryset: QuerySet[Any], user: Person) -> QuerySet[Any]:
    return queryset.visible_to(user) if hasattr(queryset, "visible_to") else queryset


def related_choices(db_field: Any, user: Person, queryset: Any = None) -> QuerySet[Any]:
    """The objects a form field relating to `db_field`'s model may offer `user`."""
    if queryset is None:
        queryset = db_field.remote_field.model._default_manager.all()
    if db_field.many_to_one and hasattr(queryset, "editable_by"):
        # What an item belongs to (its agenda, its neighbourhood): one it may be added to.
        return queryset.editable_by(user)
    return visible(queryset, user)


class VisibleRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter by a related object offering only those one may see."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        seen = visible(field.related_model._default_manager.all(), request.user)
        return field.get_choices(
            include_blank=False,
            ordering=self.field_admin_ordering(field, request, model_admin),
            limit_choices_to={"pk__in": seen.values("pk")},
        )


class VisibleToAdminMixin(_BaseAdmin):
    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return visible(super().get_queryset(request), request.user)

    def _choices(
        self, db_field: Any, request: HttpRequest, kwargs: dict[str, Any]
    ) -> QuerySet[Any]:
        """What the admin would offer (in the related admin's order), of it
        what the person may choose."""
        queryset = kwargs.get("queryset")
        if queryset is None:
            queryset = self.get_field_queryset(None, db_field, request)
        return related_choices(db_field, request.user, queryset)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs["queryset"] = self._choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs["queryset"] = self._choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdmin(VisibleToAdminMixin, _ModelAdmin):
    """For a ModelAdmin: its list filters and read-only pages too."""

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return [self._visible_filter(item) for item in super().get_list_filter(request)]

    def _visible_filter(self, item: Any) -> Any:
        if isinstance(item, str) and "__" not in item:
            field = self.opts.get_field(item)
            if field.is_relation:
                return (item, VisibleRelatedFieldListFilter)
        return item

    # A page shown read-only (view permission, no change permission) would
    # print every related object of a many-to-many field: it shows instead a
    # line listing those the reader may see.

    def _read_only(self, request: HttpRequest, obj: Model | None) -> bool:
        return obj is not None and not self.has_change_permission(request, obj)

    def _scoped_many_to_many(self) -> list[Any]:
        return [field for field in self.opts.many_to_many if field.editable]

    def get_exclude(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        exclude = list(super().get_exclude(request, obj) or [])
        if self._read_only(request, obj):
            exclude += [field.name for field in self._scoped_many_to_many()]
        return exclude

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[Any]:
        readonly: list[Any] = list(super().get_readonly_fields(request, obj))
        if self._read_only(request, obj):
            readonly += [
                VisibleRelatedLine(field, request.user) for field in self._scoped_many_to_many()
            ]
        return readonly


class VisibleRelatedLine:
    """A read-only display of a many-to-many field listing what `user` may
    see. Equal to another for the same field, as the admin compares the
    read-only fields it is given twice."""

    def __init__(self, field: Any, user: Person) -> None:
        self.field, self.user = field, user
        self.short_description = capfirst(field.verbose_name)
        self.__name__ = field.name

    def __call__(self, obj: Model) -> str:
        related = visible(getattr(obj, self.field.name).all(), self.user)
        return ", ".join(str(item) for item in related) or "-"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VisibleRelatedLine) and other.field == self.field

    def __hash__(self) -> int:
        return hash(self.field.name)


class ScopedTranslationAdmin(
    LinkRowsUnlisted, ScopedAdmin, ObjectPermissionsModelAdmin, TranslationAdmin
):
    """Admin for bilingual content that belongs to a neighbourhood's agenda."""


class ScopedInlineMixin(VisibleToAdminMixin, ObjectPermissionsInlineModelAdminMixin, _InlineAdmin):
    """An inline whose rows and choices follow the same rules, and whose
    permissions are asked of the object it belongs to (the agenda of a
    section, the workshop of an attendance count)."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        codename = get_permission_codename("add", self.opts)
        return request.user.has_perm(f"{self.opts.app_label}.{codename}", obj)


class ScopedTabularInline(ScopedInlineMixin, admin.TabularInline):
    pass
