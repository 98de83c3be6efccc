"""Which models keep a record of who changed what and when.

The models are registered here, at start-up, rather than with a
`HistoricalRecords()` field on each model: by then django-modeltranslation
has added the per-language fields (title_es, title_en…), so the history
keeps both languages. All historical tables live in this app.
"""

from django.apps import apps
from simple_history.models import HistoricalRecords

# model label -> many-to-many fields whose changes are recorded too
TRACKED = {
    "communities.City": [],
    "communities.Neighbourhood": ["groups_engaged"],
    "communities.SecurityDimension": [],
    "communities.ParticipantGroup": [],
    "agendas.Agenda": [],
    "workshops.Workshop": ["facilitators"],
    "workshops.Attendance": [],
    "agendas.Section": [],
    "agendas.Issue": ["related_dimensions", "workshops"],
    "agendas.Colophon": [],
    "proposals.Proposal": ["issues"],
    "synthesis.NationalPoint": ["issues", "proposals"],
    "tallies.PaperTally": [],
    "tallies.TallyCount": [],
}


# model -> the records that write its history (simple-history keeps none of its own)
_RECORDS = {}


class _Records(HistoricalRecords):
    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        _RECORDS[sender] = self


def register_tracked_models():
    import simple_history

    for label, m2m_fields in TRACKED.items():
        model = apps.get_model(label)
        if hasattr(model, "history"):
            continue
        # A public id is set once and never changes: nothing to record.
        excluded = [f.name for f in model._meta.fields if f.name == "public_id"]
        simple_history.register(
            model,
            app="history",
            records_class=_Records,
            m2m_fields=m2m_fields,
            excluded_fields=excluded,
        )


def record_made(instance, *, reason, user):
    """The one record of a row made whole at once, its links included: made
    with `save_without_historical_record()` and its links set while
    `skip_history_when_saving` was on, it would otherwise have a record for
    the row and one for each link."""
    instance._change_reason = reason
    instance._history_user = user
    try:
        _RECORDS[type(instance)].create_historical_record(instance, "+")
    finally:
        del instance._change_reason, instance._history_user


def historical_models():
    """The history tables of the tracked models."""
    return [apps.get_model(label).history.model for label in TRACKED]
