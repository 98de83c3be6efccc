"""An install as `migrate` leaves it, made inside a test's transaction from
the demo database the tests share: every place, agenda, workshop and person
but the administrator deleted, and what the first migrations create kept
(or, with `vocabularies=False`, deleted too)."""

from django.contrib.auth import get_user_model
from django.db import connection

from agendas.models import Agenda, AgendaVersion
from communities.models import City, Neighbourhood, ParticipantGroup, SecurityDimension
from workshops.models import Workshop


def _set_aside_the_guard_of_published_versions():
    """The database refuses to delete a published version (agendas migration
    0011); an install that never published has none. Undone with the test's
    transaction, on both databases."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS agendaversion_kept")
        else:
            cursor.execute("ALTER TABLE agendas_agendaversion DISABLE TRIGGER agendaversion_kept")


def empty_install(*, vocabularies=True):
    _set_aside_the_guard_of_published_versions()
    AgendaVersion.objects.all().delete()
    Agenda.objects.all().delete()
    Workshop.objects.all().delete()
    Neighbourhood.objects.all().delete()
    City.objects.all().delete()
    get_user_model().objects.exclude(username="admin").delete()
    ParticipantGroup.objects.filter(slug="unrecorded").delete()  # the demo's own
    if not vocabularies:
        SecurityDimension.objects.all().delete()
        ParticipantGroup.objects.all().delete()
