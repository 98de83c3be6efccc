"""Every record written while answering one request carries that request's
time, so that the history shows one edit as one change."""

from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


@receiver(pre_create_historical_record)
def stamp_with_request_time(sender, history_instance, **kwargs):
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:  # a command or the shell: each record keeps its own time
        return
    if not hasattr(request, "history_time"):
        request.history_time = timezone.now()
    history_instance.history_date = request.history_time
