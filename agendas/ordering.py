"""Moving an issue or a proposal up or down among its siblings."""

from django.db import transaction

from .models import Agenda


def move(item, siblings, step):
    """Move `item` by `step` places (-1 up, +1 down) among `siblings` (a
    queryset of the same agenda's items that share its list) and renumber
    them 0, 1, 2… Returns False when it is already at that end."""
    with transaction.atomic():
        # One reorder per agenda at a time, so two people moving items at
        # once cannot leave two items with the same place.
        Agenda.objects.select_for_update().filter(pk=item.agenda_id).get()
        ordered = list(siblings.order_by("order", "pk"))
        index = next(i for i, sibling in enumerate(ordered) if sibling.pk == item.pk)
        target = index + step
        if not 0 <= target < len(ordered):
            return False
        ordered.insert(target, ordered.pop(index))
        for position, sibling in enumerate(ordered):
            if sibling.order != position:
                sibling.order = position
                sibling.save(update_fields=["order"])
    return True


def next_place(siblings):
    """The place after the last of `siblings`, for a new item."""
    last = siblings.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1
