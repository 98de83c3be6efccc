"""The administrators' forms. They check what a person typed and say what is
wrong in their language; the rules of the domain (slugs, duplicate names,
colours readable under white text) are the services' (administration.services),
whose refusals the views show on these forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda
from communities.models import (
    City,
    Neighbourhood,
    ParticipantGroup,
    SecurityDimension,
    time_zones,
)
from core.colours import contrast_with_white
from core.icons import DIMENSION_ICONS
from core.text import LANGUAGE_CODES, in_language, localized

from . import services

# Mexico's zones, from the Pacific to the Caribbean, come first in the list.
MEXICO_TIME_ZONES = [
    "America/Tijuana",
    "America/Hermosillo",
    "America/Mazatlan",
    "America/Chihuahua",
    "America/Ciudad_Juarez",
    "America/Ojinaga",
    "America/Mexico_City",
    "America/Monterrey",
    "America/Matamoros",
    "America/Merida",
    "America/Bahia_Banderas",
    "America/Cancun",
]

# Dark colours that carry white text at AA contrast (4.5:1 or more), each
# with a name so that no choice is made by colour alone.
PALETTE = [
    ("#1f5f8b", _("Deep blue")),
    ("#283593", _("Indigo")),
    ("#5b3a8e", _("Purple")),
    ("#a3195b", _("Raspberry")),
    ("#c62828", _("Red")),
    ("#b04a00", _("Burnt orange")),
    ("#5d4037", _("Brown")),
    ("#6b6b00", _("Olive")),
    ("#2e7d32", _("Green")),
    ("#00796b", _("Teal")),
    ("#37474f", _("Slate grey")),
    ("#212121", _("Charcoal")),
]
OTHER_COLOUR = "other"


def time_zone_choices():
    zones = time_zones()
    mexico = [zone for zone in MEXICO_TIME_ZONES if zone in zones]
    rest = sorted(zones - set(mexico))

    def named(zone):
        return (zone, zone.replace("_", " "))

    return [
        (_("Mexico"), [named(zone) for zone in mexico]),
        (_("Other time zones"), [named(zone) for zone in rest]),
    ]


def swatch(colour: str) -> str:
    """A square of `colour` as an image address: the pages' policy allows
    no inline style, and images of data: addresses are allowed."""
    return (
        "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20width='24'%20height='24'%3E"
        f"%3Crect%20width='24'%20height='24'%20fill='%23{colour[1:]}'/%3E%3C/svg%3E"
    )


class LocalizedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return localized(obj, "name").text or str(obj.pk)


class LocalizedMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return localized(obj, "name").text or str(obj.pk)


class Bilingual:
    """Labels each per-language field ("Name in Spanish") and asks for the
    `required` texts in one language at least."""

    bilingual: dict[str, bool] = {}

    def label_bilingual_fields(self):
        for base, required in self.bilingual.items():
            label = self._meta.model._meta.get_field(base).verbose_name
            for code in LANGUAGE_CODES:
                field = self.fields[f"{base}_{code}"]
                field.label = in_language(label, code)
                field.required = False
            if required:
                self.fields[f"{base}_{LANGUAGE_CODES[0]}"].help_text = _(
                    "Write it in Spanish, in English or in both."
                )

    def clean(self):
        cleaned = super().clean()
        for base, required in self.bilingual.items():
            if required and not any(
                (cleaned.get(f"{base}_{code}") or "").strip() for code in LANGUAGE_CODES
            ):
                self.add_error(
                    f"{base}_{LANGUAGE_CODES[0]}", _("Write it in Spanish, in English or in both.")
                )
        return cleaned


def _textarea():
    return forms.Textarea(attrs={"rows": 3})


class CityForm(Bilingual, forms.ModelForm):
    bilingual = {"name": True, "description": False}

    class Meta:
        model = City
        fields = ["name_es", "name_en", "state", "description_es", "description_en"]
        widgets = {"description_es": _textarea(), "description_en": _textarea()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_bilingual_fields()


class NeighbourhoodForm(Bilingual, forms.ModelForm):
    bilingual = {"name": True, "stopped_reason": False}
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Votes open and close at this clock time."),
        error_messages={
            "invalid_choice": _(
                "“%(value)s” is not a time zone. Choose one from the list, such as America/Tijuana."
            ),
        },
    )

    class Meta:
        model = Neighbourhood
        fields = [
            "city", "name_es", "name_en", "time_zone", "status",
            "stopped_reason_es", "stopped_reason_en", "groups_engaged",
        ]  # fmt: skip
        field_classes = {"city": LocalizedChoice, "groups_engaged": LocalizedMultipleChoice}
        widgets = {
            "status": forms.RadioSelect,
            "groups_engaged": forms.CheckboxSelectMultiple,
            "stopped_reason_es": _textarea(),
            "stopped_reason_en": _textarea(),
        }
        error_messages = {
            "city": {"invalid_choice": _("Choose one of the listed cities.")},
            "groups_engaged": {
                "invalid_choice": _("Choose only listed groups."),
                "invalid_pk_value": _("Choose only listed groups."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_bilingual_fields()
        self.fields["time_zone"].choices = time_zone_choices()
        self.fields["time_zone"].initial = self.instance.time_zone
        self.fields["status"].choices = Neighbourhood.Status.choices  # radios: no empty choice
        self.fields["city"].queryset = City.objects.order_by("name")
        self.fields["city"].empty_label = None if self.instance.city_id else "—"
        self.fields["groups_engaged"].queryset = ParticipantGroup.objects.order_by("order", "slug")
        self.fields["stopped_reason_es"].help_text = Neighbourhood._meta.get_field(
            "stopped_reason"
        ).help_text


class AgendaForm(Bilingual, forms.ModelForm):
    """Title and heading of an agenda; where it belongs only when it is new.
    Its status moves only along its lifecycle, on its workspace page."""

    bilingual = {"title": True, "silenced_heading": False}

    class Meta:
        model = Agenda
        fields = [
            "neighbourhood", "title_es", "title_en", "silenced_heading_es", "silenced_heading_en",
        ]  # fmt: skip
        field_classes = {"neighbourhood": LocalizedChoice}
        error_messages = {
            "neighbourhood": {"invalid_choice": _("Choose one of the listed neighbourhoods.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_bilingual_fields()
        if self.instance.pk:
            del self.fields["neighbourhood"]
        else:
            field = self.fields["neighbourhood"]
            field.queryset = Neighbourhood.objects.select_related("city").order_by(
                "city__name", "name"
            )
            field.required = False
            field.empty_label = _("None: the national agenda")
            field.help_text = _(
                "A local agenda belongs to one neighbourhood; the national agenda to none."
            )


class OrderedForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = self.fields["order"]
        order.help_text = _("Lists show smaller numbers first.")
        order.error_messages.update(
            invalid=_("Enter a whole number."),
            min_value=_("The order cannot be negative."),
            max_value=_("Choose a smaller number."),
        )
        if not self.instance.pk:
            last = (
                self._meta.model._default_manager.order_by("-order")
                .values_list("order", flat=True)
                .first()
            )
            order.initial = (last or 0) + 1


class DimensionForm(Bilingual, OrderedForm):
    """A colour is chosen among the palette's named colours or typed; either
    way white text must be readable on it."""

    bilingual = {"name": True, "description": False}
    colour = forms.CharField(
        label=_("Another colour, as #rrggbb"),
        required=False,
        max_length=100,
        help_text=_(
            "Only when “Another colour” is chosen. White text must be readable on it "
            "(a contrast of 4.5:1 or more)."
        ),
        widget=forms.TextInput(attrs={"size": 8, "autocomplete": "off", "spellcheck": "false"}),
    )
    palette = forms.ChoiceField(
        label=_("Colour"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a colour, or “Another colour” and type it."),
            "invalid_choice": _("Choose one of the listed colours."),
        },
    )

    field_order = [
        "name_es", "name_en", "description_es", "description_en", "order", "palette", "colour",
        "icon",
    ]  # fmt: skip

    class Meta:
        model = SecurityDimension
        fields = [
            "name_es", "name_en", "description_es", "description_en", "order", "colour", "icon",
        ]  # fmt: skip
        widgets = {"description_es": _textarea(), "description_en": _textarea()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_bilingual_fields()
        self.fields["palette"].choices = [*PALETTE, (OTHER_COLOUR, _("Another colour"))]
        self.fields["icon"].choices = [("", _("No icon")), *DIMENSION_ICONS]
        if self.instance.pk:
            known = dict(PALETTE)
            if self.instance.colour in known:
                self.initial["palette"] = self.instance.colour
                self.initial["colour"] = ""  # typed only for a colour not in the palette
            else:
                self.initial["palette"] = OTHER_COLOUR
        else:
            self.initial["palette"] = PALETTE[0][0]

    def palette_choices(self):
        """(value, name, swatch address, contrast) of each radio button, and
        which is chosen: the template draws them with their swatches."""
        chosen = self["palette"].value()
        return [
            {
                "value": value,
                "name": name,
                "swatch": swatch(value),
                "ratio": f"{contrast_with_white(value):.1f}",
                "checked": chosen == value,
                "id": f"id_palette_{index}",
            }
            for index, (value, name) in enumerate(PALETTE)
        ] + [
            {
                "value": OTHER_COLOUR,
                "name": _("Another colour"),
                "swatch": "",
                "checked": chosen == OTHER_COLOUR,
                "id": f"id_palette_{len(PALETTE)}",
            }
        ]

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("palette")
        typed = (cleaned.get("colour") or "").strip().lower()
        if choice and choice != OTHER_COLOUR and typed and typed != self.instance.colour:
            # A colour typed but not chosen would be dropped without a word.
            self.add_error(
                "colour",
                _(
                    "You typed a colour but chose one of the list. To use the typed one, "
                    "choose “Another colour”; otherwise leave this empty."
                ),
            )
            cleaned.pop("colour", None)
        elif choice and choice != OTHER_COLOUR:
            cleaned["colour"] = choice
        elif choice == OTHER_COLOUR:
            try:
                cleaned["colour"] = services.check_colour(cleaned.get("colour") or "")
            except forms.ValidationError as refused:
                self.add_error("colour", refused.message_dict["colour"])
                cleaned.pop("colour", None)
        return cleaned


class GroupForm(Bilingual, OrderedForm):
    bilingual = {"name": True}
    sensitive = forms.BooleanField(
        label=_("Membership of this group is sensitive personal data"),
        required=False,
        help_text=_(
            "For instance ethnic origin (Mexican data protection law, LFPDPPP): residents are "
            "asked about it only after their express consent."
        ),
    )

    class Meta:
        model = ParticipantGroup
        fields = ["name_es", "name_en", "order"]

    def __init__(self, *args, sensitive=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_bilingual_fields()
        self.initial.setdefault("sensitive", sensitive)
