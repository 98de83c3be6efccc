"""A security dimension is drawn with an icon beside its name. The first
nine dimensions (0003) get the icons demo/data/seed.yaml gives them, where
an administrator has not chosen one."""

from django.db import migrations, models

FIRST_ICONS = {
    "personal": "shield-user",
    "political": "vote",
    "community": "house-heart",
    "economic": "wallet",
    "women": "venus",
    "youths": "graduation-cap",
    "health": "heart-pulse",
    "environmental": "trees",
    "food": "wheat",
}


def give_first_icons(apps, schema_editor):
    SecurityDimension = apps.get_model("communities", "SecurityDimension")
    for slug, icon in FIRST_ICONS.items():
        SecurityDimension.objects.filter(slug=slug, icon="").update(icon=icon)


class Migration(migrations.Migration):

    dependencies = [
        ('communities', '0004_youths_named_personas_jovenes'),
    ]

    operations = [
        migrations.AddField(
            model_name='securitydimension',
            name='icon',
            field=models.CharField(blank=True, choices=[('shield-user', 'Shield with a person'), ('landmark', 'Public building'), ('vote', 'Ballot box'), ('scale', 'Scales of justice'), ('users', 'Group of people'), ('house-heart', 'House with a heart'), ('handshake', 'Handshake'), ('wallet', 'Wallet'), ('coins', 'Coins'), ('briefcase', 'Briefcase'), ('venus', 'Female sign'), ('graduation-cap', 'Graduation cap'), ('backpack', 'Backpack'), ('heart-pulse', 'Heart with a pulse'), ('stethoscope', 'Stethoscope'), ('leaf', 'Leaf'), ('trees', 'Trees'), ('sprout', 'Sprout'), ('wheat', 'Ear of wheat'), ('apple', 'Apple'), ('utensils', 'Fork and knife'), ('megaphone', 'Megaphone')], help_text="Drawn beside the dimension's name on the agenda pages and in the booklets.", max_length=40, verbose_name='icon'),
        ),
        migrations.RunPython(give_first_icons, migrations.RunPython.noop),
    ]
