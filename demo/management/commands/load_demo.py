"""manage.py load_demo: the seed research's agendas and the demo accounts."""

from django.core.management.base import BaseCommand

from demo.loader import DATA_FILE, load_demo


class Command(BaseCommand):
    help = "Load the demo agendas (idempotent: running it twice changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(DATA_FILE), help="Data file (YAML).")

    def handle(self, *args, file, **options):
        report = load_demo(file)
        self.stdout.write(
            f"Demo loaded: {report.created} rows created, {report.updated} updated.\n"
            f"Demo sign-ins (password: {report.password}):"
        )
        for username, role, neighbourhood in report.accounts:
            where = f" ({neighbourhood})" if neighbourhood else ""
            self.stdout.write(f"  {username:32} {role}{where}")
