"""Every address of the workspace (/workspace/…): this app's pages, and the
patterns that the apps of codes, votes and co-editing expose for it."""

from django.urls import path

from editing.urls import workspace_patterns as editing_patterns
from residents.urls import workspace_patterns as residents_patterns
from voting.urls import workspace_patterns as voting_patterns

from . import views

# The agenda items' pages are the same views for every kind (items.registry).
SECTION, ISSUE, PROPOSAL = ({"kind": key} for key in ("section", "issue", "proposal"))

urlpatterns = [
    path("", views.dashboard, name="workspace-dashboard"),
    path("neighbourhoods/<int:pk>/", views.neighbourhood, name="workspace-neighbourhood"),
    path(
        "neighbourhoods/<int:pk>/workshops/new/",
        views.workshop_create,
        name="workspace-workshop-create",
    ),
    path("workshops/<int:pk>/", views.workshop_detail, name="workspace-workshop"),
    path("workshops/<int:pk>/edit/", views.workshop_edit, name="workspace-workshop-edit"),
    path("workshops/<int:pk>/delete/", views.workshop_delete, name="workspace-workshop-delete"),
    path("workshops/<int:pk>/history/", views.workshop_history, name="workspace-workshop-history"),
    path("workshops/<int:pk>/tallies/<slug:slug>/", views.tally_edit, name="workspace-tally"),
    path(
        "workshops/<int:pk>/tallies/<slug:slug>/history/",
        views.tally_history,
        name="workspace-tally-history",
    ),
    path("agendas/<slug:slug>/", views.agenda, name="workspace-agenda"),
    path("agendas/<slug:slug>/status/", views.agenda_status, name="workspace-agenda-status"),
    path(
        "agendas/<slug:slug>/issues/new/",
        views.item_create,
        ISSUE,
        name="workspace-issue-create",
    ),
    path("issues/<int:pk>/edit/", views.item_edit, ISSUE, name="workspace-issue-edit"),
    path("issues/<int:pk>/delete/", views.item_delete, ISSUE, name="workspace-issue-delete"),
    path("issues/<int:pk>/move/", views.item_move, ISSUE, name="workspace-issue-move"),
    path("issues/<int:pk>/history/", views.item_history, ISSUE, name="workspace-issue-history"),
    path(
        "agendas/<slug:slug>/proposals/new/",
        views.item_create,
        PROPOSAL,
        name="workspace-proposal-create",
    ),
    path("sections/<int:pk>/edit/", views.item_edit, SECTION, name="workspace-section-edit"),
    path(
        "sections/<int:pk>/history/",
        views.item_history,
        SECTION,
        name="workspace-section-history",
    ),
    path("proposals/<int:pk>/edit/", views.item_edit, PROPOSAL, name="workspace-proposal-edit"),
    path(
        "proposals/<int:pk>/delete/",
        views.item_delete,
        PROPOSAL,
        name="workspace-proposal-delete",
    ),
    path("proposals/<int:pk>/move/", views.item_move, PROPOSAL, name="workspace-proposal-move"),
    path(
        "proposals/<int:pk>/history/",
        views.item_history,
        PROPOSAL,
        name="workspace-proposal-history",
    ),
    *residents_patterns,
    *voting_patterns,
    *editing_patterns,
]
