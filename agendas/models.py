"""Agendas, their sections and their issues.

Who may see what is decided in `access.rules`; the `visible_to` querysets
here only ask it, so that every page, count and export filters the same way.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access import disclosure
from access import rules as access
from communities.models import Neighbourhood, SecurityDimension
from core.public_ids import public_id_field
from core.text import localized

# The agenda's credits, defined beside: imported here so that Django finds
# the model with the app's others and `agendas.models.Colophon` keeps its name.
from .colophon import Colophon, Licence  # noqa: F401


class AgendaQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.agenda_filter(user))

    def editable_by(self, user):
        return self.filter(access.editable_agenda_filter(user))

    def current(self):
        """These agendas but those another cycle stands in for: one whose
        next cycle is published, and a next cycle not yet published while
        the text it continues is. What a neighbourhood's agenda means where
        one is picked (the home page, /compare/): a new cycle's draft takes
        the place of the published text only once it is published itself."""
        published = Agenda.Status.PUBLISHED
        return self.exclude(next_cycle__status=published).exclude(
            Q(previous__status=published) & ~Q(status=published)
        )

    def touch(self):
        """Mark these agendas changed (something shown on them was edited)."""
        from .cache import content_changed

        self.update(updated_at=timezone.now())
        content_changed()


class Agenda(models.Model):
    class Scope(models.TextChoices):
        LOCAL = "local", _("Local")
        NATIONAL = "national", _("National")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        VALIDATED = "validated", _("Validated")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("slug"), unique=True)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agendas",
        verbose_name=_("neighbourhood"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    silenced_heading = models.CharField(
        _("heading for silenced issues"),
        max_length=120,
        blank=True,
        help_text=_("For instance “Silenced issues” or “Invisible insecurities”."),
    )
    # The agenda whose next cycle this is (publication.cycles): the
    # neighbourhood's work goes on in a new draft while that text stands.
    previous = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="next_cycle",
        verbose_name=_("previous cycle"),
    )
    # Bumped whenever the agenda or anything in it changes: a booklet dates its
    # text by it. Cached pages are retired by the generation in agendas.cache.
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    objects = AgendaQuerySet.as_manager()

    class Meta:
        ordering = ["scope", "slug"]
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="local") & Q(neighbourhood__isnull=False))
                | (Q(scope="national") & Q(neighbourhood__isnull=True)),
                name="local_agenda_has_neighbourhood_national_has_none",
                violation_error_message=_(
                    "A local agenda belongs to a neighbourhood; the national one to none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "consultation", "validated", "published"]),
                name="agenda_status_valid",
            ),
        ]

    def __str__(self):
        return localized(self, "title").text

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agenda-detail", kwargs={"slug": self.slug})

    def touch(self):
        """Mark the agenda changed (something in it was edited)."""
        type(self).objects.filter(pk=self.pk).touch()


class AgendaStep(models.Model):
    """One move of an agenda along its way to publication (publication.lifecycle)."""

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="steps", verbose_name=_("agenda")
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Agenda.Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Agenda.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("moved by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("step of an agenda")
        verbose_name_plural = _("steps of agendas")

    def __str__(self):
        return f"{self.agenda}: {self.from_status} → {self.to_status}"


class AgendaVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise FrozenVersion


class FrozenVersion(Exception):
    """A published version never changes (the database refuses it too)."""


class AgendaVersion(models.Model):
    """A published text, frozen: v1, v2… of an agenda, with a permanent link.

    `snapshot` holds everything the page shows, in both languages (see
    publication.versions). Nothing may change or delete a version once
    written: not the model, not a queryset update, not SQL (triggers refuse
    it). The one change allowed is the database's own when the person who
    published it is deleted: `published_by` becomes empty.
    """

    # An agenda that has been published stays: its versions are cited in
    # print, at their permanent addresses.
    agenda = models.ForeignKey(
        Agenda, on_delete=models.PROTECT, related_name="versions", verbose_name=_("agenda")
    )
    number = models.PositiveIntegerField(_("version"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    snapshot = models.JSONField()

    objects = AgendaVersionQuerySet.as_manager()

    class Meta:
        ordering = ["agenda", "-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(fields=["agenda", "number"], name="one_version_number"),
        ]

    def __str__(self):
        return f"{self.agenda.slug} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise FrozenVersion
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agenda-version", kwargs={"slug": self.agenda.slug, "number": self.number})


class SectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.section_filter(user))

    def editable_by(self, user):
        return self.filter(access.editable_agenda_filter(user, "agenda__"))


class Section(models.Model):
    """A free-text part of an agenda (Markdown), placed on the page by its kind."""

    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", _("Introduction")
        CONTEXT = "context", _("Context")
        ISSUES_INTRO = "issues_intro", _("Before the issues")
        SILENCED_INTRO = "silenced_intro", _("Before the silenced issues")
        PROPOSALS_INTRO = "proposals_intro", _("Before the proposals")
        PRINCIPLES = "principles", _("Principles")
        REQUIREMENTS = "requirements", _("Requirements")

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="sections", verbose_name=_("agenda")
    )
    public_id = public_id_field()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    # Raised by every save through the editing pages; an editor's save is
    # refused if it moved on since they opened the text (editing.concurrency).
    revision = models.PositiveIntegerField(default=1, editable=False)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown. Write {participants} where the number of people who took "
            "part should appear: it is counted from the workshops."
        ),
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["agenda", "order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.heading or self.get_kind_display()


class IssueQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(access.issue_filter(user))

    def with_dots(self):
        """Each issue's dots from the workshops' paper tallies, as published:
        only tallies of enough voters count (access.disclosure)."""
        return self.annotate(
            dots=Sum(
                "tally_counts__dots",
                default=0,
                filter=disclosure.counted_tallies("tally_counts__tally__"),
            )
        )


class Issue(models.Model):
    class Kind(models.TextChoices):
        PRIORITISED = "prioritised", _("Prioritised")
        SILENCED = "silenced", _("Silenced")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        RESTRICTED = "restricted", _("Restricted")

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="issues", verbose_name=_("agenda")
    )
    public_id = public_id_field()
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    dimension = models.ForeignKey(
        SecurityDimension,
        on_delete=models.PROTECT,
        related_name="issues",
        verbose_name=_("primary dimension"),
    )
    related_dimensions = models.ManyToManyField(
        SecurityDimension,
        blank=True,
        related_name="related_issues",
        verbose_name=_("related dimensions"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_(
            "Restricted issues are seen only by the agenda's facilitators, "
            "researchers and administrators."
        ),
    )
    workshops: models.ManyToManyField = models.ManyToManyField(
        "workshops.Workshop",
        blank=True,
        related_name="issues",
        verbose_name=_("workshops where it came up"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # Raised by every save through the editing pages; an editor's save is
    # refused if it moved on since they opened the text (editing.concurrency).
    revision = models.PositiveIntegerField(default=1, editable=False)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["agenda", "order", "pk"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["prioritised", "silenced"]), name="issue_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=["public", "restricted"]),
                name="issue_visibility_valid",
            ),
        ]

    def __str__(self):
        return localized(self, "title").text

    @property
    def is_restricted(self):
        return self.visibility == self.Visibility.RESTRICTED

    def would_become_public(self):
        """True when saving this issue as it now stands would show it to
        people outside the agenda's team for the first time: it is public,
        was not before (or is new), and its agenda is read by visitors
        (published) or by residents (in consultation). One careless save
        there can publish a silenced issue, so the editing pages ask first."""
        if self.visibility != self.Visibility.PUBLIC:
            return False
        if self.agenda.status not in (Agenda.Status.PUBLISHED, Agenda.Status.CONSULTATION):
            return False
        if self.pk is None:
            return True
        return not Issue.objects.filter(pk=self.pk, visibility=self.Visibility.PUBLIC).exists()
