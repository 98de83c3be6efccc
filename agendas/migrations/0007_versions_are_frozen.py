"""The database itself refuses to change a published version."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER agendaversion_frozen BEFORE UPDATE ON agendas_agendaversion
       BEGIN SELECT RAISE(ABORT, 'a published version is frozen'); END""",
]
SQLITE_UNDO = ["DROP TRIGGER IF EXISTS agendaversion_frozen"]
POSTGRESQL = [
    """CREATE FUNCTION agendaversion_frozen() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'a published version is frozen'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER agendaversion_frozen BEFORE UPDATE ON agendas_agendaversion
       FOR EACH ROW EXECUTE FUNCTION agendaversion_frozen()""",
]
POSTGRESQL_UNDO = [
    "DROP TRIGGER IF EXISTS agendaversion_frozen ON agendas_agendaversion",
    "DROP FUNCTION IF EXISTS agendaversion_frozen()",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("agendas", "0006_agendaversion")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRESQL_UNDO}),
        )
    ]
