"""What the admin lists before deleting a row, without the rows Django
makes for many-to-many fields.

Those rows only link two others (a resident profile to a participant
group, a workshop to a facilitator); they go with the row deleted and have
no name a person can read: Django lists them as
"ResidentProfile_groups object (1)", under an untranslated heading. The
admin's classes of the project take `LinkRowsUnlisted` first, so the list
and its summary name only things a person knows.
"""

from typing import Any

from django.contrib.admin.utils import NestedObjects, quote
from django.db import router
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst


def _is_link_row(obj: Any) -> bool:
    return bool(obj._meta.auto_created)


def _without_link_rows(nested: list) -> list:
    kept: list = []
    for entry in nested:
        if isinstance(entry, list):
            inner = _without_link_rows(entry)
            if inner:
                kept.append(inner)
        elif entry is not None:
            kept.append(entry)
    return kept


def deleted_objects(objs: Any, request: Any, admin_site: Any) -> tuple:
    """Django's get_deleted_objects (django.contrib.admin.utils), leaving
    out the rows of many-to-many fields."""
    try:
        first = objs[0]
    except IndexError:
        return [], {}, set(), []
    collector = NestedObjects(using=router.db_for_write(first._meta.model), origin=objs)
    collector.collect(objs)
    perms_needed = set()

    def described(obj: Any) -> str | None:
        if _is_link_row(obj):
            return None
        opts = obj._meta
        plain = f"{capfirst(opts.verbose_name)}: {obj}"
        if not admin_site.is_registered(obj.__class__):
            return plain
        if not admin_site.get_model_admin(obj.__class__).has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name)
        try:
            url = reverse(
                f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                None,
                (quote(obj.pk),),
            )
        except NoReverseMatch:
            return plain
        return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)

    to_delete = _without_link_rows(collector.nested(described))
    protected = [text for text in (described(obj) for obj in collector.protected) if text]
    collected: dict[Any, Any] = collector.model_objs  # {model: its rows}
    counts = {
        model._meta.verbose_name_plural: len(rows)
        for model, rows in collected.items()
        if not model._meta.auto_created
    }
    return to_delete, counts, perms_needed, protected


class LinkRowsUnlisted:
    """For a ModelAdmin: its delete pages and "delete selected" action list
    what goes with a row without the rows of many-to-many fields."""

    admin_site: Any

    def get_deleted_objects(self, objs: Any, request: Any) -> tuple:
        return deleted_objects(objs, request, self.admin_site)
