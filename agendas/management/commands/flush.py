"""Django's flush, which empties every table, published versions included.

PostgreSQL empties tables with TRUNCATE, which the trigger refusing to
delete a published version (agendas migration 0011) does not see. SQLite
empties them with DELETE, which it does: there the trigger is set aside for
the flush and put back, in the same transaction, so that it is never
missing for anything else. The test suite flushes after every test on a
real server; an operator who flushes means to erase everything.
"""

from django.core.management.commands import flush
from django.db import connections, transaction

TRIGGER = "agendaversion_kept"


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s", [TRIGGER]
                )
                found = cursor.fetchone()
                if found:
                    cursor.execute(f"DROP TRIGGER {TRIGGER}")
            super().handle(**options)
            if found:
                with connection.cursor() as cursor:
                    cursor.execute(found[0])
