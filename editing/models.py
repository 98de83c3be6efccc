"""Residents' suggestions of new wording for an agenda's texts.

A suggestion names one text (a field, in one language, of an agenda item of
a kind items.registry knows), keeps the text as it stood when it was made,
and the wording proposed. Facilitators accept it (the text changes, the
suggester is credited by pseudonym in the history) or decline it with a
reason; the resident sees which.
"""

import functools
import operator

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda, Issue, Section
from proposals.models import Proposal
from synthesis.models import NationalPoint

# The item a suggestion is on, one foreign key per kind of item, each named
# as the kind's key in items.registry.
SUGGESTED_ON = ("section", "issue", "proposal", "national_point")


def _exactly_one_of(names):
    return functools.reduce(
        operator.or_,
        (Q(**{f"{n}__isnull": n != chosen for n in names}) for chosen in names),
    )


class SuggestionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The suggestions on texts `user` may see: a suggestion is seen
        wherever its item is, and nowhere else."""
        seen = (
            Q(**{f"{name}__in": _item_model(name).objects.visible_to(user)})
            for name in SUGGESTED_ON
        )
        return self.filter(functools.reduce(operator.or_, seen))


def _item_model(name):
    return Suggestion._meta.get_field(name).related_model


class Suggestion(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("agenda")
    )
    # Exactly one of the four is set (checked by the database).
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="suggestions"
    )
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="suggestions"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="suggestions"
    )
    national_point = models.ForeignKey(
        NationalPoint, null=True, blank=True, on_delete=models.CASCADE, related_name="suggestions"
    )
    field = models.CharField(_("text"), max_length=32)
    original = models.TextField(_("text when suggested"), blank=True)
    wording = models.TextField(_("suggested wording"))
    reason = models.CharField(_("reason"), max_length=500)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="suggestions",
        verbose_name=_("suggested by"),
    )
    created_at = models.DateTimeField(_("suggested"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.CharField(_("why it was declined"), max_length=500, blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_of(SUGGESTED_ON), name="suggestion_names_one_text"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "declined"]),
                name="suggestion_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.target} · {self.field}"

    @property
    def kind(self):
        """The key of its item's kind (items.registry): "issue"…"""
        return next(name for name in SUGGESTED_ON if getattr(self, f"{name}_id"))

    @property
    def target(self):
        return getattr(self, self.kind)


class Support(models.Model):
    """A resident's support for a proposal: once per person and proposal."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="supports", verbose_name=_("proposal")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="support_once_per_person"),
        ]

    def __str__(self):
        return f"{self.user} · {self.proposal}"


class Comment(models.Model):
    """A comment on an issue or a proposal. Hidden comments are kept, with
    who hid them and why."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="comments")
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("written by"),
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(_("why it was hidden"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(issue__isnull=False, proposal__isnull=True)
                    | Q(issue__isnull=True, proposal__isnull=False)
                ),
                name="comment_on_one_item",
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="hidden_comment_says_why",
            ),
        ]

    def __str__(self):
        return self.text[:60]
