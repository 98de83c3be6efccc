"""Site URLs. Language is not in the address: the site follows the
browser's Accept-Language and remembers a choice made with the switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from booklets import views as booklets
from pages import views as pages
from people.landing import SignIn
from publication import views as publication

admin.site.site_header = _("Human Security Agendas")
admin.site.site_title = _("Human Security Agendas")

urlpatterns = [
    path("", pages.home, name="home"),
    path("agendas/<slug:slug>/", publication.agenda_detail, name="agenda-detail"),
    path("agendas/<slug:slug>/v<int:number>/", publication.agenda_version, name="agenda-version"),
    path("agendas/<slug:slug>/booklet/", booklets.booklet_form, name="booklet-form"),
    path("booklets/", include("booklets.urls")),
    path("dimensions.css", pages.dimensions_css, name="dimensions-css"),
    path("health/", pages.health, name="health"),
    path("health/ready/", include("operations.urls")),
    path("workspace/", include("workspace.urls")),
    path("compare/", include("comparison.urls")),
    path("data/", include("opendata.urls")),
    path("api/v1/", include("api.urls")),
    path("join/", include("residents.urls")),
    path("my-data/", include("privacy.urls")),
    path("privacy/", pages.privacy_notice, name="privacy-notice"),
    path("vote/", include("voting.urls")),
    path("", include("editing.urls")),
    path("", include("people.urls")),
    # Signing in lands where the person works (people.landing).
    path("sign-in/", SignIn.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # No CSRF token for the language switch: choosing a language is harmless,
    # and pages without a token can be cached whole for visitors.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler500 = "pages.views.server_error"
