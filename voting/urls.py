"""Voting: residents' ballots (under /vote/) and the workspace's rounds and
results (included by workspace/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="voting-home"),
    path("<int:pk>/", views.ballot, name="voting-ballot"),
    path("<int:pk>/check/", views.check, name="voting-check"),
]

workspace_patterns = [
    path("agendas/<slug:slug>/votes/", views.rounds, name="voting-rounds"),
    path("votes/<int:pk>/", views.results, name="voting-results"),
    path("votes/<int:pk>/close/", views.close, name="voting-close"),
    path("votes/<int:pk>/apply/", views.apply, name="voting-apply"),
]
