from django.urls import path

from . import views

urlpatterns = [
    path("", views.ready, name="health-ready"),
]
