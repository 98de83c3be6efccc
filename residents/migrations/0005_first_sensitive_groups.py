"""On a fresh install, the groups of ethnic origin that communities' first
vocabularies create (Afro-descendant and indigenous people) are marked
sensitive personal data, as the demo data file marks them (0003 did so only
where the groups already existed)."""

from django.db import migrations

SENSITIVE = ["afro-descendant", "indigenous"]


def mark(apps, schema_editor):
    ParticipantGroup = apps.get_model("communities", "ParticipantGroup")
    SensitiveGroup = apps.get_model("residents", "SensitiveGroup")
    for group in ParticipantGroup.objects.filter(slug__in=SENSITIVE):
        SensitiveGroup.objects.get_or_create(group=group)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0004_code_sheets"),
        ("communities", "0003_first_dimensions_and_groups"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
