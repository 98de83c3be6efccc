"""Every address of the workspace (/workspace/…): this app's pages, and the
patterns that the apps of codes, votes and co-editing expose for it."""

from django.urls import path

from editing.urls import workspace_patterns as editing_patterns
from residents.urls import workspace_patterns as residents_patterns
from voting.urls import workspace_patterns as voting_patterns

from . import views

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
    path("agendas/<slug:slug>/issues/new/", views.issue_create, name="workspace-issue-create"),
    path("issues/<int:pk>/edit/", views.issue_edit, name="workspace-issue-edit"),
    path("issues/<int:pk>/delete/", views.issue_delete, name="workspace-issue-delete"),
    path("issues/<int:pk>/move/", views.issue_move, name="workspace-issue-move"),
    path("issues/<int:pk>/history/", views.issue_history, name="workspace-issue-history"),
    path(
        "agendas/<slug:slug>/proposals/new/",
        views.proposal_create,
        name="workspace-proposal-create",
    ),
    path("sections/<int:pk>/edit/", views.section_edit, name="workspace-section-edit"),
    path("sections/<int:pk>/history/", views.section_history, name="workspace-section-history"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="workspace-proposal-edit"),
    path("proposals/<int:pk>/delete/", views.proposal_delete, name="workspace-proposal-delete"),
    path("proposals/<int:pk>/move/", views.proposal_move, name="workspace-proposal-move"),
    path("proposals/<int:pk>/history/", views.proposal_history, name="workspace-proposal-history"),
    *residents_patterns,
    *voting_patterns,
    *editing_patterns,
]
