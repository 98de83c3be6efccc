from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from .views import documentation, viewsets_by_prefix


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
for prefix, viewset in viewsets_by_prefix().items():
    router.register(prefix, viewset, basename=f"api-{prefix}")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The reference page, at the address the documentation always had.
    path("docs/", documentation, name="api-docs"),
    # Swagger UI, an extra for trying requests: it needs JavaScript.
    path(
        "docs/interactive/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs-interactive",
    ),
    *router.urls,
]
