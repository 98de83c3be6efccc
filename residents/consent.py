"""Which groups a resident is asked about, and consent to the sensitive ones.

A sensitive group (ethnic origin, residents.models.SensitiveGroup) is
neither shown nor stored until the resident has given express consent,
recorded with its date and the version of the privacy notice they read.
Withdrawing consent deletes the answers (privacy.services.withdraw_consent
also takes them off the resident's ballots).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import ParticipantGroup

from .models import ResidentProfile

# Counted at workshops when no one said which group; not a group to belong to.
NOT_A_GROUP = "unrecorded"


def groups_to_ask():
    """Every group a resident may say they belong to, sensitive ones too."""
    return ParticipantGroup.objects.exclude(slug=NOT_A_GROUP).order_by("order", "slug")


def ordinary_groups():
    return groups_to_ask().filter(sensitivity__isnull=True)


def sensitive_groups():
    return groups_to_ask().filter(sensitivity__isnull=False)


def profile_of(user):
    profile, _created = ResidentProfile.objects.get_or_create(user=user)
    return profile


def give_consent(profile, *, notice_version, now=None):
    """Record express consent to the sensitive questions, under the notice
    the resident was shown."""
    profile.consent_given_at = now or timezone.now()
    profile.consent_notice_version = notice_version
    profile.save(update_fields=["consent_given_at", "consent_notice_version"])
    return profile


def save_groups(profile, groups):
    """Keep the groups the resident chose. A sensitive group without consent
    is refused, and then nothing is stored."""
    groups = list(groups)
    sensitive = set(sensitive_groups().values_list("pk", flat=True))
    if not profile.has_consented and any(group.pk in sensitive for group in groups):
        raise ValidationError(_("Give your consent before answering this question."))
    profile.groups.set(groups)


def clear_consent(profile):
    """Delete the answers to the sensitive questions and the consent itself.
    Returns the ids of the groups that were deleted from the profile."""
    with transaction.atomic():
        removed = list(
            profile.groups.filter(sensitivity__isnull=False).values_list("pk", flat=True)
        )
        profile.groups.remove(*removed)
        profile.consent_given_at = profile.consent_notice_version = None
        profile.save(update_fields=["consent_given_at", "consent_notice_version"])
    return removed
