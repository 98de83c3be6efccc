from django.urls import path

from . import views

urlpatterns = [
    path("<uuid:pk>/", views.job_status, name="booklet-job"),
    path("<uuid:pk>/download/", views.job_download, name="booklet-download"),
    path("<uuid:pk>/retry/", views.job_retry, name="booklet-retry"),
]
