from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="opendata-index"),
    path("token/", views.api_token, name="api-token"),
    path("<slug:dataset>.csv", views.download_csv, name="opendata-csv"),
    path("<slug:dataset>.json", views.download_json, name="opendata-json"),
]
