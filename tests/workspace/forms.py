"""Workspace forms filled the way their pages send them."""

from agendas.models import Issue


def issue_as_it_stands(issue, **changes):
    """The issue form of an existing issue as its page would send it, then
    changed; the revision is the one saved last, as if the form were opened
    now."""
    data = {
        "title_es": issue.title_es,
        "title_en": issue.title_en,
        "description_es": issue.description_es,
        "description_en": issue.description_en,
        "dimension": issue.dimension_id,
        "related_dimensions": [d.pk for d in issue.related_dimensions.all()],
        "kind": issue.kind,
        "visibility": issue.visibility,
        "workshops": [w.pk for w in issue.workshops.all()],
        "revision": Issue.objects.get(pk=issue.pk).revision,
    }
    data.update(changes)
    return data
