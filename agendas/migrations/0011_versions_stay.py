"""A published version is never deleted, not even by SQL, and its agenda is
not deleted while it has one. The one change the database lets through is
its own, when the person who published a version is deleted: `published_by`
becomes empty (ON DELETE SET NULL) and nothing else moves."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    "DROP TRIGGER IF EXISTS agendaversion_frozen",
    # Every column but published_by must stay, and published_by may only be emptied.
    """CREATE TRIGGER agendaversion_frozen BEFORE UPDATE ON agendas_agendaversion
       WHEN NOT (
           OLD.published_by_id IS NOT NULL AND NEW.published_by_id IS NULL
           AND NEW.id IS OLD.id AND NEW.agenda_id IS OLD.agenda_id
           AND NEW.number IS OLD.number AND NEW.published_at IS OLD.published_at
           AND NEW.snapshot IS OLD.snapshot
       )
       BEGIN SELECT RAISE(ABORT, 'a published version is frozen'); END""",
    """CREATE TRIGGER agendaversion_kept BEFORE DELETE ON agendas_agendaversion
       BEGIN SELECT RAISE(ABORT, 'a published version is never deleted'); END""",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS agendaversion_kept",
    "DROP TRIGGER IF EXISTS agendaversion_frozen",
    """CREATE TRIGGER agendaversion_frozen BEFORE UPDATE ON agendas_agendaversion
       BEGIN SELECT RAISE(ABORT, 'a published version is frozen'); END""",
]
POSTGRESQL = [
    # The whole row but published_by must stay (compared as a row, so that
    # a column added later is frozen too), and published_by may only be emptied.
    """CREATE OR REPLACE FUNCTION agendaversion_frozen() RETURNS trigger AS $$
       DECLARE
           unchanged agendas_agendaversion;
       BEGIN
           unchanged := NEW;
           unchanged.published_by_id := OLD.published_by_id;
           IF OLD.published_by_id IS NOT NULL AND NEW.published_by_id IS NULL
              AND unchanged IS NOT DISTINCT FROM OLD THEN
               RETURN NEW;
           END IF;
           RAISE EXCEPTION 'a published version is frozen';
       END; $$ LANGUAGE plpgsql""",
    """CREATE FUNCTION agendaversion_kept() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'a published version is never deleted'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER agendaversion_kept BEFORE DELETE ON agendas_agendaversion
       FOR EACH ROW EXECUTE FUNCTION agendaversion_kept()""",
]
POSTGRESQL_UNDO = [
    "DROP TRIGGER IF EXISTS agendaversion_kept ON agendas_agendaversion",
    "DROP FUNCTION IF EXISTS agendaversion_kept()",
    """CREATE OR REPLACE FUNCTION agendaversion_frozen() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'a published version is frozen'; END; $$ LANGUAGE plpgsql""",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("agendas", "0010_public_id_unique")]

    operations = [
        migrations.AlterField(
            model_name="agendaversion",
            name="agenda",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="versions",
                to="agendas.agenda",
                verbose_name="agenda",
            ),
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRESQL_UNDO}),
        ),
    ]
