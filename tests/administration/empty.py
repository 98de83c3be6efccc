"""An install as `migrate` leaves it, made inside a test's transaction from
the demo database the tests share: every place, agenda, workshop and person
but the administrator deleted, and what the first migrations create kept
(or, with `vocabularies=False`, deleted too)."""

from django.contrib.auth import get_user_model

from agendas.models import Agenda
from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension
from workshops.models import Workshop


def empty_install(*, vocabularies=True):
    Agenda.objects.all().delete()
    Workshop.objects.all().delete()
    Neighbourhood.objects.all().delete()
    City.objects.all().delete()
    get_user_model().objects.exclude(username="admin").delete()
    ParticipantGroup.objects.filter(slug="unrecorded").delete()  # the demo's own
    if not vocabularies:
        SecurityDimension.objects.all().delete()
        ParticipantGroup.objects.all().delete()
