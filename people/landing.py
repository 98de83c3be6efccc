"""Where signing in takes a person: the workspace for facilitators,
researchers and administrators, their neighbourhood's agenda for a resident,
or the page they were going to (`?next=`, within the site only: Django's
LoginView asks url_has_allowed_host_and_scheme, and ignores any other).

Only where a right password leads changes here: the lockout of wrong ones
(django-axes, pages.lockout) stands before, as it did."""

from django.contrib.auth import views as auth_views
from django.urls import reverse

from access.rules import agenda_filter, roles_of
from agendas.models import Agenda


def landing_url(user) -> str:
    if user.has_perm("workspace.view_dashboard"):
        return reverse("workspace-dashboard")
    resident_of = roles_of(user).resident_of
    if resident_of:
        agendas = Agenda.objects.filter(agenda_filter(user)).filter(
            neighbourhood_id__in=sorted(resident_of)
        )
        # The agenda in consultation is where a resident has something to do.
        agenda = agendas.filter(status=Agenda.Status.CONSULTATION).order_by("slug").first()
        agenda = agenda or agendas.order_by("-updated_at", "slug").first()
        if agenda is not None:
            return agenda.get_absolute_url()
    return reverse("home")


class SignIn(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url(self.request.user)
