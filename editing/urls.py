"""Co-editing: residents suggest, comment and support on public pages; the
workspace reviews suggestions, hides comments and restores texts (its
patterns are included by workspace/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("agendas/<slug:slug>/consultation/", views.consultation, name="consultation"),
    path("suggest/<str:kind>/<slug:public_id>/", views.suggest, name="suggest"),
    path("my-suggestions/", views.my_suggestions, name="my-suggestions"),
    path("comment/<str:kind>/<slug:public_id>/", views.comment, name="comment"),
    path("support/<slug:public_id>/", views.support, name="support"),
]

workspace_patterns = [
    path("comments/<int:pk>/hide/", views.hide_comment, name="comment-hide"),
    path("texts/<str:kind>/<int:pk>/", views.text_revisions, name="text-revisions"),
    path("texts/<str:kind>/<int:pk>/restore/", views.text_restore, name="text-restore"),
    path("agendas/<slug:slug>/suggestions/", views.review, name="suggestion-review"),
    path("suggestions/<int:pk>/accept/", views.accept, name="suggestion-accept"),
    path("suggestions/<int:pk>/decline/", views.decline, name="suggestion-decline"),
]
