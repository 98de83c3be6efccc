"""The site's Spanish names youths "personas jóvenes" everywhere. 0003 now
makes them so on a fresh install; on a site that ran it before, its rows
are renamed where they still read as they were made, and a name an
administrator has changed since stays theirs."""

from django.db import migrations

OLD_DESCRIPTION = (
    "Protección de las y los jóvenes frente a la violencia, la estigmatización y el "
    "reclutamiento, con oportunidades reales para estudiar, trabajar y participar."
)
NEW_DESCRIPTION = (
    "Protección de las personas jóvenes frente a la violencia, la estigmatización y el "
    "reclutamiento, con oportunidades reales para estudiar, trabajar y participar."
)
# (model, field, old, new)
RENAMES = [
    ("ParticipantGroup", "name", "Jóvenes", "Personas jóvenes"),
    ("SecurityDimension", "name", "Seguridad de los jóvenes", "Seguridad de las personas jóvenes"),
    ("SecurityDimension", "description", OLD_DESCRIPTION, NEW_DESCRIPTION),
]


def _rename(apps, backwards):
    for model_name, field, old, new in RENAMES:
        if backwards:
            old, new = new, old
        model = apps.get_model("communities", model_name)
        # The untranslated column holds the default language (Spanish), as
        # django-modeltranslation keeps it.
        rows = model.objects.filter(slug="youths", **{f"{field}_es": old})
        rows.update(**{field: new, f"{field}_es": new})


def forwards(apps, schema_editor):
    _rename(apps, backwards=False)


def backwards(apps, schema_editor):
    _rename(apps, backwards=True)


class Migration(migrations.Migration):
    dependencies = [("communities", "0003_first_dimensions_and_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
