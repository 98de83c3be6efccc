from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="voting-home"),
    path("<int:pk>/", views.ballot, name="voting-ballot"),
    path("<int:pk>/check/", views.check, name="voting-check"),
]
