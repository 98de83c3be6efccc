"""The administrators' addresses, included by workspace/urls.py under
/workspace/setup/."""

from django.urls import path

from . import views

workspace_patterns = [
    path("setup/", views.index, name="setup"),
    path("setup/places/", views.places, name="setup-places"),
    path("setup/cities/new/", views.city_create, name="setup-city-create"),
    path("setup/cities/<int:pk>/edit/", views.city_edit, name="setup-city-edit"),
    path("setup/cities/<int:pk>/history/", views.city_history, name="setup-city-history"),
    path(
        "setup/neighbourhoods/new/",
        views.neighbourhood_create,
        name="setup-neighbourhood-create",
    ),
    path(
        "setup/neighbourhoods/<int:pk>/edit/",
        views.neighbourhood_edit,
        name="setup-neighbourhood-edit",
    ),
    path(
        "setup/neighbourhoods/<int:pk>/history/",
        views.neighbourhood_history,
        name="setup-neighbourhood-history",
    ),
    path("setup/agendas/", views.agendas, name="setup-agendas"),
    path("setup/agendas/new/", views.agenda_create, name="setup-agenda-create"),
    path("setup/agendas/<slug:slug>/edit/", views.agenda_edit, name="setup-agenda-edit"),
    path("setup/agendas/<slug:slug>/history/", views.agenda_history, name="setup-agenda-history"),
    path("setup/dimensions/", views.dimensions, name="setup-dimensions"),
    path("setup/dimensions/new/", views.dimension_create, name="setup-dimension-create"),
    path("setup/dimensions/<int:pk>/edit/", views.dimension_edit, name="setup-dimension-edit"),
    path("setup/dimensions/<int:pk>/move/", views.dimension_move, name="setup-dimension-move"),
    path(
        "setup/dimensions/<int:pk>/history/",
        views.dimension_history,
        name="setup-dimension-history",
    ),
    path("setup/groups/", views.groups, name="setup-groups"),
    path("setup/groups/new/", views.group_create, name="setup-group-create"),
    path("setup/groups/<int:pk>/edit/", views.group_edit, name="setup-group-edit"),
    path("setup/groups/<int:pk>/move/", views.group_move, name="setup-group-move"),
    path("setup/groups/<int:pk>/history/", views.group_history, name="setup-group-history"),
]
