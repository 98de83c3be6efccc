"""Site URLs. Language is not in the address: the site follows the
browser's Accept-Language and remembers a choice made with the switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from booklets import views as booklets
from editing import views as editing
from pages import views as pages
from residents import views as residents
from voting import views as voting

admin.site.site_header = _("Human Security Agendas")
admin.site.site_title = _("Human Security Agendas")

urlpatterns = [
    path("", pages.home, name="home"),
    path("agendas/<slug:slug>/", pages.agenda_detail, name="agenda-detail"),
    path("agendas/<slug:slug>/v<int:number>/", pages.agenda_version, name="agenda-version"),
    path("agendas/<slug:slug>/booklet/", booklets.booklet_form, name="booklet-form"),
    path("booklets/", include("booklets.urls")),
    path("dimensions.css", pages.dimensions_css, name="dimensions-css"),
    path("health/", pages.health, name="health"),
    path("workspace/", include("workspace.urls")),
    path("compare/", include("comparison.urls")),
    path("data/", include("opendata.urls")),
    path("api/v1/", include("api.urls")),
    path("join/", residents.redeem, name="redeem"),
    path("join/about-you/", residents.about_you, name="about-you"),
    path("join/about-you/consent/", residents.give_consent, name="give-consent"),
    path("my-data/", include("privacy.urls")),
    path("privacy/", pages.privacy_notice, name="privacy-notice"),
    path("vote/", include("voting.urls")),
    path("workspace/neighbourhoods/<int:pk>/codes/", residents.code_batches, name="code-batches"),
    path("workspace/code-batches/<int:pk>/withdraw/", residents.withdraw, name="code-withdraw"),
    path("workspace/code-sheets/<uuid:pk>/", residents.code_sheet, name="code-sheet"),
    path(
        "workspace/code-sheets/<uuid:pk>/download/",
        residents.code_sheet_download,
        name="code-sheet-download",
    ),
    path(
        "workspace/code-sheets/<uuid:pk>/delete/",
        residents.code_sheet_delete,
        name="code-sheet-delete",
    ),
    path(
        "workspace/code-sheets/<uuid:pk>/retry/",
        residents.code_sheet_retry,
        name="code-sheet-retry",
    ),
    path("workspace/agendas/<slug:slug>/votes/", voting.rounds, name="voting-rounds"),
    path("agendas/<slug:slug>/consultation/", editing.consultation, name="consultation"),
    path("suggest/<str:kind>/<slug:public_id>/", editing.suggest, name="suggest"),
    path("my-suggestions/", editing.my_suggestions, name="my-suggestions"),
    path("comment/<str:kind>/<slug:public_id>/", editing.comment, name="comment"),
    path("support/<slug:public_id>/", editing.support, name="support"),
    path("workspace/comments/<int:pk>/hide/", editing.hide_comment, name="comment-hide"),
    path("workspace/texts/<str:kind>/<int:pk>/", editing.text_revisions, name="text-revisions"),
    path("workspace/texts/<str:kind>/<int:pk>/restore/", editing.text_restore, name="text-restore"),
    path("workspace/agendas/<slug:slug>/suggestions/", editing.review, name="suggestion-review"),
    path("workspace/suggestions/<int:pk>/accept/", editing.accept, name="suggestion-accept"),
    path("workspace/suggestions/<int:pk>/decline/", editing.decline, name="suggestion-decline"),
    path("workspace/votes/<int:pk>/", voting.results, name="voting-results"),
    path("workspace/votes/<int:pk>/close/", voting.close, name="voting-close"),
    path("workspace/votes/<int:pk>/apply/", voting.apply, name="voting-apply"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # No CSRF token for the language switch: choosing a language is harmless,
    # and pages without a token can be cached whole for visitors.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler500 = "pages.views.server_error"
