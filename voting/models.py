"""Voting rounds on an agenda's issues, with secret ballots.

The secret: `Participation` says that a resident voted in a round; the
`Ballot` says what was voted, and carries nothing that names the resident.
A ballot is found again (to replace it while the round is open) through a
key computed with a secret that lives in the server's settings, never in
the database. Ballots, their marks and their groups have random ids and no
timestamp, so neither order nor time joins them to a participation. The
resident checks their own ballot with a receipt code shown once, of which
only a hash is kept.

While a round is open, the database's own bookkeeping (the order rows were
written in, transaction ids) could still line ballots up with
participations; closing a round seals it: its ballots are written again,
all in one transaction and in random order (`voting.services.close_round`;
a round its closing time closed is sealed when its results are first read
or applied, `voting.services.seal_if_closed`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agendas.models import Agenda, Issue
from communities.models import ParticipantGroup
from core.public_ids import public_id_field


class VotingRound(models.Model):
    class Method(models.TextChoices):
        DOTS = "dots", _("Dot voting")
        APPROVAL = "approval", _("Approval")
        RANKING = "ranking", _("Ranking (Borda count)")

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="voting_rounds", verbose_name=_("agenda")
    )
    public_id = public_id_field()
    title = models.CharField(_("title"), max_length=200, blank=True)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    dots_per_voter = models.PositiveIntegerField(
        _("dots each person has"), null=True, blank=True, help_text=_("For dot voting.")
    )
    max_dots_per_issue = models.PositiveIntegerField(
        _("most dots on one issue"), null=True, blank=True, help_text=_("For dot voting.")
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Leave empty to close it by hand.")
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    sealed = models.BooleanField(default=False, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("voting round")
        verbose_name_plural = _("voting rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(method__in=["dots", "approval", "ranking"]),
                name="voting_method_valid",
            ),
            models.CheckConstraint(
                condition=~Q(method="dots")
                | (Q(dots_per_voter__gte=1) & Q(max_dots_per_issue__gte=1)),
                name="dot_voting_has_its_numbers",
            ),
            models.CheckConstraint(
                condition=Q(max_dots_per_issue__isnull=True)
                | Q(max_dots_per_issue__lte=models.F("dots_per_voter")),
                name="dots_on_one_issue_within_dots_each",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.agenda} · {self.get_method_display()}"

    def is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.opens_at <= now
            and self.closed_at is None
            and (self.closes_at is None or now < self.closes_at)
        )

    def is_closed(self, now=None):
        """Closed by hand, or its closing time has passed."""
        now = now or timezone.now()
        return self.closed_at is not None or (self.closes_at is not None and self.closes_at <= now)

    def closing_time(self):
        """When it closed (or closes): by hand or by its time, whichever came first."""
        times = [t for t in (self.closed_at, self.closes_at) if t is not None]
        return min(times, default=None)

    def ballot_issues(self):
        """What residents vote on: the agenda's public prioritised issues.
        A restricted issue is never on a ballot."""
        return Issue.objects.filter(
            agenda_id=self.agenda_id,
            kind=Issue.Kind.PRIORITISED,
            visibility=Issue.Visibility.PUBLIC,
        ).order_by("order", "pk")


class Participation(models.Model):
    """That a resident voted in a round — and nothing about how."""

    round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="participations")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )

    class Meta:
        verbose_name = _("participation in a vote")
        verbose_name_plural = _("participations in votes")
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="one_participation_per_round")
        ]

    def __str__(self):
        return f"{self.round} · {self.voter}"


class Ballot(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(VotingRound, on_delete=models.CASCADE, related_name="ballots")
    # HMAC(server secret, round and voter): finds the ballot again for its
    # voter, tells nothing to someone holding only the database.
    voter_key = models.CharField(max_length=64, editable=False)
    receipt_hash = models.CharField(max_length=64, editable=False)
    # The groups the voter said they belong to, for breakdowns of at least
    # five voters (smaller groups are merged).
    groups: models.ManyToManyField = models.ManyToManyField(
        ParticipantGroup, blank=True, related_name="+", through="BallotGroup"
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["round", "voter_key"], name="one_ballot_per_voter"),
        ]

    def __str__(self):
        return f"{self.round} · {self.pk}"


class BallotGroup(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE)
    group = models.ForeignKey(ParticipantGroup, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("group said on a ballot")
        verbose_name_plural = _("groups said on ballots")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "group"], name="one_group_once_per_ballot"),
        ]

    def __str__(self):
        return f"{self.ballot_id} · {self.group}"


class BallotMark(models.Model):
    """What one ballot gives one issue: dots, 1 for approved, or Borda points."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="marks")
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="ballot_marks")
    points = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("ballot mark")
        verbose_name_plural = _("ballot marks")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "issue"], name="one_mark_per_issue"),
        ]

    def __str__(self):
        return f"{self.issue}: {self.points}"
