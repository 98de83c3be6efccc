"""Workshops record the people present, each counted once, and how many of
them came for the first time. Workshops recorded before counted people per
group only: their sum stands as both figures, so no total changes."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Sum


def people_from_attendance(apps, schema_editor):
    Workshop = apps.get_model("workshops", "Workshop")
    for workshop in Workshop.objects.annotate(total=Sum("attendance__count")).filter(
        total__isnull=False
    ):
        Workshop.objects.filter(pk=workshop.pk).update(
            people_present=workshop.total, first_timers=workshop.total
        )


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0002_neighbourhood_time_zone"),
        ("workshops", "0004_public_id_unique"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="workshop",
            name="first_timers",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="The neighbourhood's participants are the first-timers of all its workshops: people who come again are not counted twice.",
                null=True,
                verbose_name="of whom came for the first time",
            ),
        ),
        migrations.AddField(
            model_name="workshop",
            name="people_present",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="How many people took part, each counted once.",
                null=True,
                verbose_name="people present",
            ),
        ),
        migrations.RunPython(people_from_attendance, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="workshop",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("first_timers__isnull", True),
                    models.Q(
                        ("first_timers__lte", models.F("people_present")),
                        ("people_present__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="first_timers_within_people_present",
                violation_error_message="No more people can come for the first time than were present.",
            ),
        ),
    ]
