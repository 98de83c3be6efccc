from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_data, name="my-data"),
    path("download/", views.download, name="my-data-download"),
    path("delete/", views.delete, name="my-data-delete"),
    path("consent/withdraw/", views.withdraw, name="withdraw-consent"),
]
