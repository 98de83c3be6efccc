"""An agenda as a printed booklet: HTML from the same includes as the web
page, print CSS, then WeasyPrint. User text reaches the templates only
through the sanitising Markdown helpers of `core.text`.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from communities.models import ParticipantGroup, SecurityDimension
from publication.facts import publication_facts
from publication.selectors import agenda_view
from workshops.models import Attendance, Workshop
from workshops.public import published_attendance, published_workshops

from .models import Edition, Paper
from .typesetting import typeset

PAPER_SIZES = {Paper.A4: "A4", Paper.LETTER: "letter"}


@dataclass(frozen=True)
class Stamp:
    """Who exported an internal edition, and when: printed on every page."""

    name: str
    when: object  # an aware datetime


def booklet_html(agenda, *, user, edition, language, paper, stamp=None):
    """The booklet's HTML. The public edition holds public items only,
    whoever asks; the internal one holds what `user` may see, restricted
    items included (the caller has checked they may)."""
    with translation.override(language):
        context = booklet_context(
            agenda, user=user, edition=edition, language=language, paper=paper, stamp=stamp
        )
        return typeset(render_to_string("booklets/booklet.html", context))


def booklet_context(agenda, *, user, edition, language, paper, stamp=None):
    """The one read of an agenda that every printed or editable document of
    it is made from (the PDF booklet, the Word document): the same items
    under the same rules. Call it with the document's language active."""
    view = agenda_view(user, agenda, public_only=edition == Edition.PUBLIC)
    context = {
        "view": view,
        "agenda": agenda,
        "edition": edition,
        "confidential": edition == Edition.INTERNAL,
        "language": language,
        "page_size": PAPER_SIZES[paper],
        "dimensions": SecurityDimension.objects.order_by("order"),
        "participation": participation(agenda, edition=edition, total=view.participants),
        "stamp": stamp,
        # Cycle, version, permanent address, citation, licence and credits.
        "publication": publication_facts(agenda, public_only=edition == Edition.PUBLIC),
        # Links in the PDF (to the local evidence a national point cites)
        # lead to the site itself.
        "site_url": settings.SITE_URL.rstrip("/"),
        "strings": {
            # Text that print CSS puts in the page margins.
            "page": _("Page"),
            "of": _("of"),
            "confidential": _("Confidential"),
            "exported": (
                _("Exported by %(name)s on %(date)s")
                % {
                    "name": stamp.name,
                    # As the site's pages write a date and time, in the booklet's language.
                    "date": date_format(timezone.localtime(stamp.when), "DATETIME_FORMAT"),
                }
                if stamp
                else ""
            ),
        },
    }
    return context


@dataclass
class Participation:
    workshops: list  # each with its `participants`: the people present
    by_group: list  # [(group, people of it present, summed over the workshops)]
    total: int  # people who took part, each counted once: the first-timers


def participation(agenda, *, edition, total):
    """The workshops of the agenda's neighbourhood and who took part, by
    group. Groups overlap and people come again, so the groups' rows do not
    add up to `total`, which counts each person once (the agenda view's
    participants, not read twice). The public edition lists each workshop as it may be published
    (date, title, numbers); the internal one, for the agenda's team, also
    says where it met."""
    if not agenda.neighbourhood_id:
        return None
    held_here = Workshop.objects.filter(neighbourhood_id=agenda.neighbourhood_id).order_by(
        "date", "pk"
    )
    if edition == Edition.INTERNAL:
        workshops = list(held_here.annotate(participants=Coalesce("people_present", 0)))
    else:
        workshops = published_workshops(held_here)
    # A booklet is copied on, whichever edition: its counts by group are
    # sums of the workshops' published ones (access.disclosure, rule 5).
    counts = dict(
        published_attendance(
            Attendance.objects.filter(workshop__neighbourhood_id=agenda.neighbourhood_id)
        )
        .values("group")
        .annotate(total=Sum("count"))
        .values_list("group", "total")
    )
    groups = [
        (group, counts[group.pk])
        for group in ParticipantGroup.objects.order_by("order", "pk")
        if counts.get(group.pk)
    ]
    return Participation(workshops, groups, total)
