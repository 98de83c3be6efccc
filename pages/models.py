"""Site-wide texts that are data, not templates: the overview on the home page
and the privacy notice."""

from django.db import models
from django.utils import timezone
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


class PrivacyNotice(models.Model):
    """The privacy notice (aviso de privacidad) as administrators wrote it.

    Each text is a version: consent to sensitive questions records the
    version the resident read, so a published version is never rewritten —
    a change is saved as a new version (see pages.admin)."""

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_("Markdown: ### for headings, - for lists, a blank line between paragraphs."),
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-version"]
        get_latest_by = "version"
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def save(self, *args, **kwargs):
        if self.version is None:
            last = PrivacyNotice.objects.aggregate(models.Max("version"))["version__max"]
            self.version = (last or 0) + 1
        super().save(*args, **kwargs)
