# Public ids, as Django's how-to on adding unique fields to rows that exist: a
# nullable column, then a random id for each row, then the column unique.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("synthesis", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="nationalpoint",
            name="public_id",
            field=models.CharField(
                editable=False, max_length=12, null=True, verbose_name="public id"
            ),
        ),
    ]
