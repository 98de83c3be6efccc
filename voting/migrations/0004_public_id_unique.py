from django.db import migrations, models

import core.public_ids


class Migration(migrations.Migration):
    dependencies = [("voting", "0003_fill_public_ids")]

    operations = [
        migrations.AlterField(
            model_name="votinground",
            name="public_id",
            field=models.CharField(
                default=core.public_ids.new_public_id,
                editable=False,
                help_text="Random: names the row in published pages and data, telling nothing else.",
                max_length=12,
                unique=True,
                verbose_name="public id",
            ),
        ),
    ]
