from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from .views import viewsets_by_prefix


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
for prefix, viewset in viewsets_by_prefix().items():
    router.register(prefix, viewset, basename=f"api-{prefix}")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    *router.urls,
]
