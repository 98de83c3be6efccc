"""What a printed or editable document of an agenda says about itself as a
publication: the cycle of workshops it comes from, the version it prints,
where it stays online, how to cite it, its licence and its credits.

One plain function, `publication_facts`, read by every document of an
agenda (the PDF booklet, the Word document). Call it with the document's
language active: the citation and the licence are written in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agendas.models import Agenda, AgendaVersion, Colophon, Issue, Licence
from core.pdf import BASE_URL, STATIC_PREFIX, static_path
from core.text import localized
from workshops.models import Workshop

from .versions import snapshot_of

PUBLISHER_LOGO_TYPES = (".svg", ".png")


@dataclass(frozen=True)
class LicenceTerms:
    code: str
    name: str
    url: str  # the deed, in the document's language; empty for all rights reserved


@dataclass(frozen=True)
class PublicationFacts:
    cycle: str  # "2016–2018", "2017", or "" when nothing says when it ran
    version: AgendaVersion | None  # the latest published, or None for a draft
    changed_since_version: bool  # the live text differs from that version's
    permanent_url: str  # the version's page, or the agenda's while it has none
    citation: str
    licence: LicenceTerms
    colophon: Colophon  # unsaved and empty when the team has written none
    publisher: str
    logo: str  # the address of the publisher's logo among the static files, or ""


def cycle_years(agenda: Agenda, colophon: Colophon) -> str:
    """When the agenda's workshops ran: the years its team wrote, else the
    first and last years of its neighbourhood's dated workshops."""
    first, last = colophon.first_year, colophon.last_year
    if not (first or last) and agenda.neighbourhood_id:
        span = Workshop.objects.filter(
            neighbourhood_id=agenda.neighbourhood_id, date__isnull=False
        ).aggregate(first=Min("date"), last=Max("date"))
        first = span["first"].year if span["first"] else None
        last = span["last"].year if span["last"] else None
    years = [year for year in (first, last) if year]
    if not years:
        return ""
    if len(years) == 1 or years[0] == years[1]:
        return str(years[0])
    return f"{years[0]}–{years[1]}"


def licence_terms(code: str) -> LicenceTerms:
    licence = Licence(code)
    url = licence.deed_url
    language = translation.get_language() or ""
    if url and not language.startswith("en"):
        # Creative Commons keeps each deed in the reader's language too.
        url = f"{url}deed.{language.split('-')[0]}"
    return LicenceTerms(code=licence.value, name=str(licence.label), url=url)


def publisher_logo() -> str:
    """The PUBLISHER_LOGO setting as an address the booklet may load, or ""
    when unset or not one of the site's SVG or PNG static files."""
    name = settings.PUBLISHER_LOGO.strip().lstrip("/")
    if not name.lower().endswith(PUBLISHER_LOGO_TYPES):
        return ""
    url = f"{STATIC_PREFIX}{name}"
    return url if static_path(BASE_URL.rstrip("/") + url) else ""


def citation(*, title: str, publisher: str, version: AgendaVersion | None, url: str) -> str:
    """How to cite the agenda, in the active language."""
    if version is not None:
        edition = _("Version %(number)s, %(date)s") % {
            "number": version.number,
            "date": date_format(timezone.localtime(version.published_at), "DATE_FORMAT"),
        }
    else:
        edition = _("Draft, not yet published")
    # No full stop after the address: it would be copied with it.
    parts = [publisher, title, edition]
    return ". ".join(part.rstrip(".") for part in parts if part) + ". " + url


def latest_version(agenda: Agenda) -> AgendaVersion | None:
    return agenda.versions.order_by("-number").first()


def changed_since(agenda: Agenda, version: AgendaVersion, *, public_only: bool) -> bool:
    """Whether the text printed now differs from the version's. For a public
    document, only in what the public may read: a restricted issue added,
    edited or cited since must not show through as "changed"."""
    now, then = snapshot_of(agenda), version.snapshot
    if public_only:
        hidden = {
            issue["pk"]
            for snapshot in (now, then)
            for issue in snapshot["issues"]
            if issue["visibility"] == Issue.Visibility.RESTRICTED
        }
        now, then = _public_part(now, hidden), _public_part(then, hidden)
    return now != then


def _public_part(snapshot: dict, hidden: set[int]) -> dict:
    return {
        **snapshot,
        "issues": [issue for issue in snapshot["issues"] if issue["pk"] not in hidden],
        "sections": [
            {
                **section,
                "points": [
                    {**point, "issues": [pk for pk in point["issues"] if pk not in hidden]}
                    for point in section["points"]
                ],
            }
            for section in snapshot["sections"]
        ],
    }


def publication_facts(agenda: Agenda, *, public_only: bool = True) -> PublicationFacts:
    colophon = Colophon.objects.filter(agenda=agenda).first() or Colophon(agenda=agenda)
    version = latest_version(agenda)
    site = settings.SITE_URL.rstrip("/")
    if version is not None:
        permanent_url = site + version.get_absolute_url()
        # What the page of that version shows, against what is printed now.
        changed = changed_since(agenda, version, public_only=public_only)
    else:
        permanent_url = site + reverse("agenda-detail", kwargs={"slug": agenda.slug})
        changed = False
    cycle = cycle_years(agenda, colophon)
    publisher = localized(colophon, "publisher").text
    return PublicationFacts(
        cycle=cycle,
        version=version,
        changed_since_version=changed,
        permanent_url=permanent_url,
        citation=citation(
            title=localized(agenda, "title").text,
            publisher=publisher,
            version=version,
            url=permanent_url,
        ),
        licence=licence_terms(colophon.licence),
        colophon=colophon,
        publisher=publisher,
        logo=publisher_logo(),
    )


def version_citation(version: AgendaVersion) -> str:
    """How to cite one published version, by the title it was published
    under, at its permanent address (its page shows this)."""
    colophon = Colophon.objects.filter(agenda_id=version.agenda_id).first() or Colophon()
    title = localized(SimpleNamespace(**version.snapshot["agenda"]), "title").text
    return citation(
        title=title,
        publisher=localized(colophon, "publisher").text,
        version=version,
        url=settings.SITE_URL.rstrip("/") + version.get_absolute_url(),
    )
