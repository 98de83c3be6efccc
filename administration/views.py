"""The administrators' pages of the workspace (/workspace/setup/): cities and
neighbourhoods, agendas, security dimensions and participant groups, so that
a fresh install needs no other tool before its first workshop.

Only admins may open them (access.rules, `administration.set_up`): anyone
else signed in is refused (403), a visitor is sent to sign in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from access.fetch import require
from agendas.models import Agenda
from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension
from core.forms import render_form
from history.selectors import Lines, Tracked, history_of
from residents.models import SensitiveGroup

from . import forms, selectors, services

GET_POST = require_http_methods(["GET", "HEAD", "POST"])
SET_UP = "administration.set_up"


def _admin_only(view):
    """Signed in (else to the sign-in page), and an admin (else 403)."""

    @login_required
    def checked(request, *args, **kwargs):
        require(request.user, SET_UP)
        return view(request, *args, **kwargs)

    checked.__name__ = view.__name__
    checked.__doc__ = view.__doc__
    return checked


def _refused(form, error):
    """Show a service's refusal on the form, beside the field it names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _form_page(request, form, save, *, heading, back_url, saved_message, done_url=None):
    """Show `form`; once it is valid, call `save()` (a service), then go to
    `done_url(saved)` (the list by default). A refusal changes nothing."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, saved_message)
            return redirect(done_url(saved) if done_url else back_url)
    return render_form(
        request,
        "administration/form.html",
        {"form": form, "heading": heading, "back_url": back_url},
    )


def _history_page(request, row, lines, list_url):
    """The history of one row set up here; `lines` say what was done to it."""
    records = type(row).history.filter(id=row.pk)
    changes = history_of(Tracked(records, lines))
    return render(
        request,
        "workspace/history.html",
        {"title": str(row), "changes": changes, "back_url": reverse(list_url)},
    )


def _data(request):
    return request.POST if request.method == "POST" else None


@require_safe
@_admin_only
def index(request):
    return render(request, "administration/index.html", {"steps": selectors.setup_steps()})


# --- cities and neighbourhoods ------------------------------------------------------------


@require_safe
@_admin_only
def places(request):
    return render(request, "administration/places.html", {"cities": selectors.places()})


@GET_POST
@_admin_only
def city_create(request):
    form = forms.CityForm(_data(request))
    return _form_page(
        request,
        form,
        lambda: services.add_city(form.instance, by=request.user),
        heading=_("Add a city"),
        back_url=reverse("setup-places"),
        saved_message=_("The city is saved."),
    )


@GET_POST
@_admin_only
def city_edit(request, pk):
    form = forms.CityForm(_data(request), instance=get_object_or_404(City, pk=pk))
    return _form_page(
        request,
        form,
        lambda: services.change_city(form.instance, by=request.user),
        heading=_("Edit city"),
        back_url=reverse("setup-places"),
        saved_message=_("The city is saved."),
    )


@require_safe
@_admin_only
def city_history(request, pk):
    city = get_object_or_404(City, pk=pk)
    return _history_page(
        request,
        city,
        Lines(
            gettext_lazy("City created"),
            gettext_lazy("City changed"),
            gettext_lazy("City deleted"),
        ),
        "setup-places",
    )


def _neighbourhood_form_page(request, form, save, heading):
    return _form_page(
        request,
        form,
        lambda: save(form.instance, groups=form.cleaned_data["groups_engaged"], by=request.user),
        heading=heading,
        back_url=reverse("setup-places"),
        saved_message=_("The neighbourhood is saved."),
    )


@GET_POST
@_admin_only
def neighbourhood_create(request):
    initial = {}
    if request.GET.get("city", "").isdigit():
        initial["city"] = request.GET["city"]
    form = forms.NeighbourhoodForm(_data(request), initial=initial)
    return _neighbourhood_form_page(
        request, form, services.add_neighbourhood, _("Add a neighbourhood")
    )


@GET_POST
@_admin_only
def neighbourhood_edit(request, pk):
    place = get_object_or_404(Neighbourhood.objects.select_related("city"), pk=pk)
    form = forms.NeighbourhoodForm(_data(request), instance=place)
    return _neighbourhood_form_page(
        request, form, services.change_neighbourhood, _("Edit neighbourhood")
    )


@require_safe
@_admin_only
def neighbourhood_history(request, pk):
    place = get_object_or_404(Neighbourhood, pk=pk)
    return _history_page(
        request,
        place,
        Lines(
            gettext_lazy("Neighbourhood created"),
            gettext_lazy("Neighbourhood changed"),
            gettext_lazy("Neighbourhood deleted"),
        ),
        "setup-places",
    )


# --- agendas ------------------------------------------------------------------------------


@require_safe
@_admin_only
def agendas(request):
    return render(request, "administration/agendas.html", {"agendas": selectors.agendas()})


@GET_POST
@_admin_only
def agenda_create(request):
    form = forms.AgendaForm(_data(request))
    return _form_page(
        request,
        form,
        lambda: services.add_agenda(form.instance, by=request.user),
        heading=_("Add an agenda"),
        back_url=reverse("setup-agendas"),
        saved_message=_("The agenda is saved as a draft."),
        # Its work starts on its workspace page: sections, issues, proposals.
        done_url=lambda agenda: reverse("workspace-agenda", args=[agenda.slug]),
    )


@GET_POST
@_admin_only
def agenda_edit(request, slug):
    form = forms.AgendaForm(_data(request), instance=get_object_or_404(Agenda, slug=slug))
    return _form_page(
        request,
        form,
        lambda: services.change_agenda(form.instance, by=request.user),
        heading=_("Edit agenda"),
        back_url=reverse("setup-agendas"),
        saved_message=_("The agenda is saved."),
    )


@require_safe
@_admin_only
def agenda_history(request, slug):
    agenda = get_object_or_404(Agenda, slug=slug)
    return _history_page(
        request,
        agenda,
        Lines(
            gettext_lazy("Agenda created"),
            gettext_lazy("Agenda changed"),
            gettext_lazy("Agenda deleted"),
        ),
        "setup-agendas",
    )


# --- security dimensions and participant groups ---------------------------------------------


def _move(request, model, pk, move, list_url):
    row = get_object_or_404(model, pk=pk)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction"))
    if step is None:
        messages.error(request, _("Choose to move it up or down."))
    elif not move(row, step, by=request.user):
        messages.info(request, _("It is already at that end of the list."))
    return redirect(f"{reverse(list_url)}#row-{row.pk}")


@require_safe
@_admin_only
def dimensions(request):
    return render(request, "administration/dimensions.html", {"dimensions": selectors.dimensions()})


@GET_POST
@_admin_only
def dimension_create(request):
    form = forms.DimensionForm(_data(request))
    return _form_page(
        request,
        form,
        lambda: services.add_dimension(form.instance, by=request.user),
        heading=_("Add a security dimension"),
        back_url=reverse("setup-dimensions"),
        saved_message=_("The security dimension is saved."),
    )


@GET_POST
@_admin_only
def dimension_edit(request, pk):
    dimension = get_object_or_404(SecurityDimension, pk=pk)
    form = forms.DimensionForm(_data(request), instance=dimension)
    return _form_page(
        request,
        form,
        lambda: services.change_dimension(form.instance, by=request.user),
        heading=_("Edit security dimension"),
        back_url=reverse("setup-dimensions"),
        saved_message=_("The security dimension is saved."),
    )


@require_POST
@_admin_only
def dimension_move(request, pk):
    return _move(request, SecurityDimension, pk, services.move_dimension, "setup-dimensions")


@require_safe
@_admin_only
def dimension_history(request, pk):
    dimension = get_object_or_404(SecurityDimension, pk=pk)
    return _history_page(
        request,
        dimension,
        Lines(
            gettext_lazy("Security dimension created"),
            gettext_lazy("Security dimension changed"),
            gettext_lazy("Security dimension deleted"),
        ),
        "setup-dimensions",
    )


@require_safe
@_admin_only
def groups(request):
    return render(request, "administration/groups.html", {"groups": selectors.groups()})


@GET_POST
@_admin_only
def group_create(request):
    form = forms.GroupForm(_data(request))
    return _form_page(
        request,
        form,
        lambda: services.add_group(
            form.instance, sensitive=form.cleaned_data["sensitive"], by=request.user
        ),
        heading=_("Add a participant group"),
        back_url=reverse("setup-groups"),
        saved_message=_("The participant group is saved."),
    )


@GET_POST
@_admin_only
def group_edit(request, pk):
    group = get_object_or_404(ParticipantGroup, pk=pk)
    sensitive = SensitiveGroup.objects.filter(group=group).exists()
    form = forms.GroupForm(_data(request), instance=group, sensitive=sensitive)
    return _form_page(
        request,
        form,
        lambda: services.change_group(
            form.instance, sensitive=form.cleaned_data["sensitive"], by=request.user
        ),
        heading=_("Edit participant group"),
        back_url=reverse("setup-groups"),
        saved_message=_("The participant group is saved."),
    )


@require_POST
@_admin_only
def group_move(request, pk):
    return _move(request, ParticipantGroup, pk, services.move_group, "setup-groups")


@require_safe
@_admin_only
def group_history(request, pk):
    group = get_object_or_404(ParticipantGroup, pk=pk)
    return _history_page(
        request,
        group,
        Lines(
            gettext_lazy("Participant group created"),
            gettext_lazy("Participant group changed"),
            gettext_lazy("Participant group deleted"),
        ),
        "setup-groups",
    )
