"""Each existing row gets its own random public id (core.public_ids)."""

from django.db import migrations

from core.public_ids import fill_public_ids


def fill(apps, schema_editor):
    fill_public_ids(apps.get_model("proposals", "proposal"))


class Migration(migrations.Migration):
    dependencies = [("proposals", "0003_public_id")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
