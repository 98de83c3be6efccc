from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="opendata-index"),
    path("token/", views.api_token, name="api-token"),
    path("<slug:dataset>.csv", views.download, {"extension": "csv"}, name="opendata-csv"),
    path("<slug:dataset>.json", views.download, {"extension": "json"}, name="opendata-json"),
]
