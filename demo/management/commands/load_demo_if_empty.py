"""manage.py load_demo_if_empty: used by `make run`, so a database someone
has worked in is never touched again by the demo."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from agendas.models import Agenda


class Command(BaseCommand):
    help = "Load the demo agendas only if there are no agendas yet."

    def handle(self, *args, **options):
        if Agenda.objects.exists():
            self.stdout.write("The database already holds agendas: the demo was not loaded.")
            return
        call_command("load_demo", stdout=self.stdout)
