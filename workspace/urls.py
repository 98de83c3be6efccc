"""Every address of the workspace (/workspace/…): this app's pages, and the
patterns that the apps of setting up, codes, votes and co-editing expose for it."""

from django.urls import path

from administration.urls import workspace_patterns as administration_patterns
from editing.urls import workspace_patterns as editing_patterns
from items.registry import KINDS
from people.urls import workspace_patterns as people_patterns
from residents.urls import workspace_patterns as residents_patterns
from voting.urls import workspace_patterns as voting_patterns

from . import item_views, views, workshop_views


def item_pages(kind):
    """The workspace pages of one kind of agenda item (items.registry), the
    same views for every kind: a page its entry gives no permission or
    ordering for is not offered."""
    base, name = kind.address, f"workspace-{kind.key}"
    pages = [
        (f"{base}/<int:pk>/edit/", item_views.item_edit, f"{name}-edit"),
        (f"{base}/<int:pk>/history/", item_views.item_history, f"{name}-history"),
    ]
    if kind.add_perm:
        pages.append((f"agendas/<slug:slug>/{base}/new/", item_views.item_create, f"{name}-create"))
    if kind.delete_perm:
        pages.append((f"{base}/<int:pk>/delete/", item_views.item_delete, f"{name}-delete"))
    if kind.ordered:
        pages.append((f"{base}/<int:pk>/move/", item_views.item_move, f"{name}-move"))
    return [path(route, view, {"kind": kind.key}, name=name) for route, view, name in pages]


urlpatterns = [
    path("", views.dashboard, name="workspace-dashboard"),
    path("neighbourhoods/<int:pk>/", views.neighbourhood, name="workspace-neighbourhood"),
    path(
        "neighbourhoods/<int:pk>/workshops/new/",
        workshop_views.workshop_create,
        name="workspace-workshop-create",
    ),
    path("workshops/<int:pk>/", workshop_views.workshop_detail, name="workspace-workshop"),
    path("workshops/<int:pk>/edit/", workshop_views.workshop_edit, name="workspace-workshop-edit"),
    path(
        "workshops/<int:pk>/delete/",
        workshop_views.workshop_delete,
        name="workspace-workshop-delete",
    ),
    path(
        "workshops/<int:pk>/history/",
        workshop_views.workshop_history,
        name="workspace-workshop-history",
    ),
    path(
        "workshops/<int:pk>/tallies/<slug:slug>/", workshop_views.tally_edit, name="workspace-tally"
    ),
    path(
        "workshops/<int:pk>/tallies/<slug:slug>/history/",
        workshop_views.tally_history,
        name="workspace-tally-history",
    ),
    path("agendas/<slug:slug>/", views.agenda, name="workspace-agenda"),
    path("agendas/<slug:slug>/status/", views.agenda_status, name="workspace-agenda-status"),
    path(
        "agendas/<slug:slug>/next-cycle/",
        views.agenda_next_cycle,
        name="workspace-agenda-next-cycle",
    ),
    path("agendas/<slug:slug>/credits/", views.agenda_colophon, name="workspace-agenda-colophon"),
    *(page for kind in KINDS.values() for page in item_pages(kind)),
    *administration_patterns,
    *residents_patterns,
    *people_patterns,
    *voting_patterns,
    *editing_patterns,
]
