"""Residents' addresses: joining with a code (public), and the workspace's
pages for printing and withdrawing codes (included by workspace/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.redeem, name="redeem"),
    path("about-you/", views.about_you, name="about-you"),
    path("about-you/consent/", views.give_consent, name="give-consent"),
]

workspace_patterns = [
    path("neighbourhoods/<int:pk>/codes/", views.code_batches, name="code-batches"),
    path("code-batches/<int:pk>/withdraw/", views.withdraw, name="code-withdraw"),
    path("code-sheets/<uuid:pk>/", views.code_sheet, name="code-sheet"),
    path("code-sheets/<uuid:pk>/download/", views.code_sheet_download, name="code-sheet-download"),
    path("code-sheets/<uuid:pk>/delete/", views.code_sheet_delete, name="code-sheet-delete"),
    path("code-sheets/<uuid:pk>/retry/", views.code_sheet_retry, name="code-sheet-retry"),
]
