"""An agenda's credits (its colophon): when its cycle of workshops ran, who
made and supported it, and the licence it is shared under; printed on its
booklet's cover, credits page and back cover, and in its Word document."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    """The terms an agenda's publication is shared under, printed on its
    credits page and back cover. Without a licence chosen, the law's default
    stands: all rights reserved."""

    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 International (CC BY 4.0)")
    CC_BY_SA = (
        "cc-by-sa-4.0",
        _("Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"),
    )
    CC_BY_NC = (
        "cc-by-nc-4.0",
        _("Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)"),
    )
    CC_BY_NC_SA = (
        "cc-by-nc-sa-4.0",
        _(
            "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International "
            "(CC BY-NC-SA 4.0)"
        ),
    )
    CC_BY_NC_ND = (
        "cc-by-nc-nd-4.0",
        _(
            "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International "
            "(CC BY-NC-ND 4.0)"
        ),
    )
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")

    @property
    def deed_url(self):
        """The licence's deed at Creative Commons (none for all rights reserved)."""
        if not self.value.startswith("cc-"):
            return ""
        terms = self.value.removeprefix("cc-").removesuffix("-4.0")
        return f"https://creativecommons.org/licenses/{terms}/4.0/"


FIRST_PLAUSIBLE_YEAR = 1950
LAST_PLAUSIBLE_YEAR = 2100


def _year_field(label):
    message = _("Write a year between 1950 and 2100, or leave it empty.")
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(FIRST_PLAUSIBLE_YEAR, message),
            MaxValueValidator(LAST_PLAUSIBLE_YEAR, message),
        ],
    )


class Colophon(models.Model):
    """An agenda's credits as its publication prints them: when its cycle of
    workshops ran, who made it, who supported it, and the licence it is
    shared under. Every text is Markdown, in both languages."""

    agenda = models.OneToOneField(
        "agendas.Agenda",
        on_delete=models.CASCADE,
        related_name="colophon",
        verbose_name=_("agenda"),
    )
    first_year = _year_field(_("first year of the cycle"))
    last_year = _year_field(_("last year of the cycle"))
    publisher = models.CharField(
        _("publishing body"),
        max_length=200,
        blank=True,
        help_text=_("Printed on the cover and in how to cite the agenda."),
    )
    team = models.TextField(
        _("team"),
        blank=True,
        help_text=_(
            "Markdown. Names and roles, for instance “**Coordinating team**” "
            "followed by one name a line."
        ),
    )
    institutions = models.TextField(_("institutions"), blank=True, help_text=_("Markdown."))
    funders = models.TextField(_("funding"), blank=True, help_text=_("Markdown."))
    design = models.TextField(
        _("editorial design and print"),
        blank=True,
        help_text=_("Markdown. Who designed and who printed the publication."),
    )
    acknowledgements = models.TextField(_("acknowledgements"), blank=True, help_text=_("Markdown."))
    licence = models.CharField(
        _("licence"),
        max_length=32,
        choices=Licence.choices,
        default=Licence.ALL_RIGHTS_RESERVED,
        help_text=_(
            "The terms under which others may copy and share the publication. "
            "Until the team chooses one, all rights are reserved."
        ),
    )

    class Meta:
        verbose_name = _("credits")
        verbose_name_plural = _("credits")
        constraints = [
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(last_year__gte=models.F("first_year")),
                name="colophon_years_in_order",
                violation_error_message=_("The last year cannot come before the first."),
            ),
        ]

    def __str__(self):
        return str(self.agenda)

    def clean(self):
        super().clean()
        if self.last_year and not self.first_year:
            message = _("Write the first year too (the same year for a cycle of one year).")
            raise ValidationError({"first_year": message})
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year cannot come before the first.")})

    @property
    def licence_terms(self):
        return Licence(self.licence)
