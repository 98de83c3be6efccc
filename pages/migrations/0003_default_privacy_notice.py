"""The first privacy notice, in Spanish and English (pages.privacy)."""

from django.db import migrations
from django.utils import timezone


def write_default(apps, schema_editor):
    from pages.privacy import DEFAULT_BODY, DEFAULT_TITLE

    PrivacyNotice = apps.get_model("pages", "PrivacyNotice")
    if PrivacyNotice.objects.exists():
        return
    PrivacyNotice.objects.create(
        version=1,
        published_at=timezone.now(),
        title=DEFAULT_TITLE["es"],
        body=DEFAULT_BODY["es"],
        **{f"title_{code}": text for code, text in DEFAULT_TITLE.items()},
        **{f"body_{code}": text for code, text in DEFAULT_BODY.items()},
    )


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_privacy_notice")]

    operations = [migrations.RunPython(write_default, migrations.RunPython.noop)]
