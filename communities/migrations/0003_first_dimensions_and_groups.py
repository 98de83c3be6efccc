"""A fresh install can log its first workshop: the nine security dimensions
(the UNDP's seven, with women's and youths' safety) and the usual participant
groups are created in both languages where no row of that slug exists yet,
exactly as demo/data/seed.yaml has them (tests/communities/test_first_vocabularies.py
keeps the two alike). Rows an administrator already has are left untouched;
the demo loader then finds these by slug and updates, never duplicates."""

from django.db import migrations

DIMENSIONS = [
    {
        "slug": "personal",
        "order": 1,
        "colour": "#1f5f8b",
        "name": {"es": "Seguridad personal", "en": "Personal safety"},
        "description": {
            "es": "Protección frente a la violencia física, el delito y las amenazas a la vida y la integridad de las personas.",
            "en": "Protection from physical violence, crime and threats to the lives and integrity of people.",
        },
    },
    {
        "slug": "political",
        "order": 2,
        "colour": "#5b3a8e",
        "name": {"es": "Seguridad política", "en": "Political security"},
        "description": {
            "es": "Vivir en una sociedad que respeta los derechos humanos básicos, donde se puede confiar en las autoridades y participar libremente en la vida pública.",
            "en": "Living in a society that respects basic human rights, where people can trust the authorities and take part freely in public life.",
        },
    },
    {
        "slug": "community",
        "order": 3,
        "colour": "#b04a00",
        "name": {"es": "Seguridad comunitaria", "en": "Community safety"},
        "description": {
            "es": "La seguridad que da pertenecer a una familia, a un grupo o a una colonia, con relaciones de confianza y espacios compartidos.",
            "en": "The security that comes from belonging to a family, a group or a neighbourhood, with relationships of trust and shared spaces.",
        },
    },
    {
        "slug": "economic",
        "order": 4,
        "colour": "#5d4037",
        "name": {"es": "Seguridad económica", "en": "Economic security"},
        "description": {
            "es": "Un ingreso básico asegurado, proveniente de un trabajo productivo y digno o, en su defecto, de una red pública de protección.",
            "en": "An assured basic income from productive and decent work or, failing that, from a public safety net.",
        },
    },
    {
        "slug": "women",
        "order": 5,
        "colour": "#a3195b",
        "name": {"es": "Seguridad de las mujeres", "en": "Women's safety"},
        "description": {
            "es": "Vivir libres de la violencia, la discriminación y los obstáculos que enfrentan las mujeres por razón de género, en el hogar y en la vida pública.",
            "en": "Freedom from the violence, discrimination and obstacles that women face because of their gender, at home and in public life.",
        },
    },
    {
        "slug": "youths",
        "order": 6,
        "colour": "#c62828",
        "name": {"es": "Seguridad de las personas jóvenes", "en": "Youths' safety"},
        "description": {
            "es": "Protección de las personas jóvenes frente a la violencia, la estigmatización y el reclutamiento, con oportunidades reales para estudiar, trabajar y participar.",
            "en": "Protection of young people from violence, stigmatisation and recruitment, with real opportunities to study, work and participate.",
        },
    },
    {
        "slug": "health",
        "order": 7,
        "colour": "#00796b",
        "name": {"es": "Seguridad en salud", "en": "Health security"},
        "description": {
            "es": "Protección frente a las enfermedades, las adicciones y los modos de vida poco saludables, con acceso a la atención médica.",
            "en": "Protection from disease, addictions and unhealthy ways of life, with access to health care.",
        },
    },
    {
        "slug": "environmental",
        "order": 8,
        "colour": "#2e7d32",
        "name": {"es": "Seguridad ambiental", "en": "Environmental security"},
        "description": {
            "es": "Un entorno físico sano, libre de contaminación, degradación y riesgo de desastres.",
            "en": "A healthy physical environment, free from contamination, degradation and the risk of disasters.",
        },
    },
    {
        "slug": "food",
        "order": 9,
        "colour": "#6b6b00",
        "name": {"es": "Seguridad alimentaria", "en": "Food security"},
        "description": {
            "es": "Acceso físico y económico a suficientes alimentos básicos en todo momento.",
            "en": "Physical and economic access to enough basic food at all times.",
        },
    },
]

# "unrecorded" is the demo's own: a count kept where no group was said.
GROUPS = [
    {"slug": "women", "order": 1, "name": {"es": "Mujeres", "en": "Women"}},
    {"slug": "men", "order": 2, "name": {"es": "Hombres", "en": "Men"}},
    {"slug": "youths", "order": 3, "name": {"es": "Personas jóvenes", "en": "Youths"}},
    {
        "slug": "elderly",
        "order": 4,
        "name": {"es": "Personas adultas mayores", "en": "Elderly people"},
    },
    {
        "slug": "afro-descendant",
        "order": 5,
        "name": {"es": "Personas afrodescendientes", "en": "Afro-descendant people"},
    },
    {
        "slug": "indigenous",
        "order": 6,
        "name": {"es": "Personas indígenas", "en": "Indigenous people"},
    },
]


def _bilingual(field, texts):
    # The untranslated column holds the default language (Spanish), as
    # django-modeltranslation keeps it.
    return {field: texts["es"], f"{field}_es": texts["es"], f"{field}_en": texts["en"]}


def create_first_vocabularies(apps, schema_editor):
    SecurityDimension = apps.get_model("communities", "SecurityDimension")
    ParticipantGroup = apps.get_model("communities", "ParticipantGroup")
    for item in DIMENSIONS:
        SecurityDimension.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "order": item["order"],
                "colour": item["colour"],
                **_bilingual("name", item["name"]),
                **_bilingual("description", item["description"]),
            },
        )
    for item in GROUPS:
        ParticipantGroup.objects.get_or_create(
            slug=item["slug"],
            defaults={"order": item["order"], **_bilingual("name", item["name"])},
        )


class Migration(migrations.Migration):
    dependencies = [("communities", "0002_neighbourhood_time_zone")]

    # Undoing it keeps the rows: issues and workshops may already use them.
    operations = [migrations.RunPython(create_first_vocabularies, migrations.RunPython.noop)]
