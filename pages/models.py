"""Site-wide texts that are data, not templates (the overview on the home page)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteText(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("site text")
        verbose_name_plural = _("site texts")

    def __str__(self):
        return self.slug
