"""Where the demo's groups already exist, mark ethnic origin (Indigenous,
Afro-descendant) as sensitive; administrators change the list in the admin,
and the demo data file says it for new databases."""

from django.db import migrations


def mark(apps, schema_editor):
    ParticipantGroup = apps.get_model("communities", "ParticipantGroup")
    SensitiveGroup = apps.get_model("residents", "SensitiveGroup")
    for group in ParticipantGroup.objects.filter(slug__in=["indigenous", "afro-descendant"]):
        SensitiveGroup.objects.get_or_create(group=group)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0002_consent_and_sensitive_groups"),
        ("communities", "0001_initial"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
