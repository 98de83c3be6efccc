"""How long staff invitations are kept once they can no longer be used:
INVITATION_KEEP_DAYS. The scheduled clean-up runs this rule (core.cleanup)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from core.cleanup import Removal

from .models import Invitation


def spent_invitations(*, now: datetime | None = None, dry_run: bool = False) -> Removal:
    """Invitations used, withdrawn or expired more than INVITATION_KEEP_DAYS
    ago. Their code was only a hash; the record of changes to roles
    (PeopleEvent) stays and no longer links to them."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.INVITATION_KEEP_DAYS)
    spent = list(
        Invitation.objects.filter(
            Q(used_at__lt=cutoff) | Q(withdrawn_at__lt=cutoff) | Q(expires_at__lt=cutoff)
        )
    )
    if not dry_run:
        Invitation.objects.filter(pk__in=[invitation.pk for invitation in spent]).delete()
    return Removal(
        "invitations",
        counts={"invitations": len(spent)},
        items=[f"invitation #{invitation.pk} ({invitation})" for invitation in spent],
    )
