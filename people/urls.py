"""The people pages: public ones (accepting an invitation, a reset link,
included by config/urls.py) and the workspace's (included by workspace/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("invitation/", views.invitation_code, name="invitation-code"),
    path("invitation/accept/", views.invitation_accept, name="invitation-accept"),
    path("invitation/<str:token>/", views.invitation_link, name="invitation-link"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.ResetPassword.as_view(),
        name="password-reset-link",
    ),
]

workspace_patterns = [
    path("people/", views.people, name="people"),
    path("people/invite/", views.invite, name="people-invite"),
    path(
        "people/invitations/<int:pk>/withdraw/",
        views.withdraw_invitation,
        name="invitation-withdraw",
    ),
    path(
        "people/facilitators/<int:pk>/remove/",
        views.remove_facilitator,
        name="people-remove-facilitator",
    ),
    path("people/<int:pk>/", views.person, name="people-person"),
    path(
        "people/<int:pk>/researcher/remove/",
        views.remove_researcher,
        name="people-remove-researcher",
    ),
    path("people/<int:pk>/reset-link/", views.reset_link, name="people-reset-link"),
]
