"""An agenda as an editable Word document (DOCX), for teams who finish a
publication by hand.

It is made from the same read of the agenda as the printed booklet
(`booklet_context`): the same items under the same rules, in the same
order, in either edition. Each part of the document is a function of that
context (`PARTS`), so that a part can be added or moved in one place.

The document uses Word's own styles (Title, Heading 1 and 2, List Bullet,
List Number, Caption, Table Grid): the navigation pane lists its headings,
and restyling them restyles the whole document. User text is Markdown: it
goes through the site's sanitiser (`core.text.render_markdown`) and the
small HTML that comes out is turned into paragraphs and runs, so no
Markdown sign and no markup reaches the document (booklets.word writes it).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import segno
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from core.templatetags.numbers import percent
from core.text import localized, plain_text
from voting import times

from .rendering import booklet_context
from .word import Writer, edition_name, page_field

QR_SIZE = Mm(35)


def agenda_docx(agenda, *, user, edition, language, paper, stamp=None) -> bytes:
    """The agenda as a Word document. The public edition holds public items
    only, whoever asks; the internal one holds what `user` may see, restricted
    items included (the caller has checked they may), and is marked
    confidential on every page with who exported it and when."""
    with translation.override(language):
        context = booklet_context(
            agenda, user=user, edition=edition, language=language, paper=paper, stamp=stamp
        )
        return build_document(context, paper=paper)


def build_document(context: dict[str, Any], *, paper: str) -> bytes:
    writer = Writer(context, paper=paper)
    for part in PARTS:
        part(writer, context)
    return writer.save()


# --- the parts of the document, in the booklet's order -------------------------------


def version_text(context) -> str:
    """The version the document prints, as the booklet's cover says it."""
    agenda, publication = context["agenda"], context["publication"]
    version = publication.version
    if version is None:
        return "{} · {}".format(
            _("Draft, not yet published"),
            _("text of %(date)s") % {"date": date_format(agenda.updated_at, "DATE_FORMAT")},
        )
    text = _("Version %(number)s, published %(date)s") % {
        "number": version.number,
        "date": date_format(timezone.localtime(version.published_at), "DATE_FORMAT"),
    }
    if publication.changed_since_version:
        text += ". " + _(
            "This copy prints the text as it stood on %(date)s, changed since that version."
        ) % {"date": date_format(agenda.updated_at, "DATE_FORMAT")}
    return text


def cover_facts(context) -> list[tuple[str, str]]:
    """The facts under the title, as the booklet's cover gives them."""
    view, publication = context["view"], context["publication"]
    facts = []
    if publication.cycle:
        facts.append((_("Cycle of workshops"), publication.cycle))
    facts += [(_("Version"), version_text(context)), (_("Edition"), edition_name(context))]
    if view.participants:
        facts.append((_("Participants"), str(view.participants)))
    if publication.publisher:
        facts.append((_("Published by"), publication.publisher))
    return facts


def page_marks(writer: Writer, context) -> None:
    """Every page: its number and, in the internal edition, the confidential
    mark above and who exported it, and when, below (as the PDF's margins)."""
    strings = context["strings"]
    for section in writer.document.sections:
        if context["confidential"]:
            header = section.header.paragraphs[0]
            header.add_run(strings["confidential"].upper()).bold = True
        footer = section.footer.paragraphs[0]
        if context["confidential"] and strings["exported"]:
            footer.add_run(strings["exported"])
            footer = section.footer.add_paragraph()
        footer.add_run(f"{strings['page']} ")
        page_field(footer, "PAGE", "1")
        footer.add_run(f" {strings['of']} ")
        page_field(footer, "NUMPAGES", "1")


def title_page(writer: Writer, context) -> None:
    agenda = context["agenda"]
    if context["confidential"]:
        mark = writer.paragraph()
        mark.add_run(
            _("Confidential: includes restricted issues. Do not share outside the agenda's team.")
        ).bold = True
    writer.paragraph(_("Human Security Agendas"), style="Subtitle")
    writer.field(writer.paragraph(style="Title"), agenda, "title")
    if agenda.neighbourhood:
        place = writer.paragraph(style="Subtitle")
        writer.field(place, agenda.neighbourhood, "name")
        place.add_run(", ")
        writer.field(place, agenda.neighbourhood.city, "name")
    for label, value in cover_facts(context):
        fact = writer.paragraph()
        fact.add_run(f"{label}: ").bold = True
        fact.add_run(value)
    writer.page_break()


def participation(writer: Writer, context) -> None:
    taking_part = context["participation"]
    if not taking_part:
        return
    writer.heading(_("Participation"), 1)
    writer.paragraph(
        ngettext(
            "%(counter)s person took part, each counted once however many workshops they came to.",
            "%(counter)s people took part, each counted once however many workshops they came to.",
            taking_part.total,
        )
        % {"counter": taking_part.total}
    )
    if taking_part.by_group:
        writer.table(
            [_("Group"), _("People")],
            ([localized(group, "name").text, str(count)] for group, count in taking_part.by_group),
            caption=_(
                "People of each group present, added up over the workshops: a person belongs "
                "to several groups and may come again, so the rows do not add up to the people "
                "who took part."
            ),
        )
    for workshop in taking_part.workshops:
        item = writer.paragraph(style="List Bullet")
        writer.field(item, workshop, "title", bold=True)
        if workshop.date:
            item.add_run(f" · {date_format(workshop.date, 'DATE_FORMAT')}")
        # The public edition's workshops (workshops.public) have no place to show.
        if localized(workshop, "place").text:
            item.add_run(" · ")
            writer.field(item, workshop, "place")
        item.add_run(
            " · "
            + ngettext("%(counter)s participant", "%(counter)s participants", workshop.participants)
            % {"counter": workshop.participants}
        )


def section(writer: Writer, context, section, *, level: int = 1) -> None:
    """A free-text section (agendas/_section.html): heading, body and, in the
    national agenda, its points with the local evidence they draw on."""
    if localized(section, "heading").text:
        heading = writer.heading("", level)
        writer.field(heading, section, "heading")
    writer.markdown(section, "body", participants=context["view"].participants)
    points = getattr(section, "point_list", None)
    if not points:
        return
    principles = section.kind == "principles"
    numbering = writer.restarted_numbering("List Number") if principles else None
    for point in points:
        national_point(writer, context, point, numbering)


def national_point(writer: Writer, context, point, numbering: int | None) -> None:
    style = "List Number" if numbering is not None else "List Bullet"
    writer.markdown(point, "text", style=style, then="List Continue", numbering=numbering)
    if not (point.cited_issues or point.cited_proposals):
        return
    writer.paragraph(_("Draws on local evidence:"), style="List Continue")
    for issue in point.cited_issues:
        item = writer.paragraph(style="List Bullet 2")
        item.add_run(f"{_('Issue')}: ")
        writer.link(item, localized(issue, "title").text, _agenda_url(context, issue, "issue"))
        _place_of(writer, item, issue.agenda)
        if issue.kind == "silenced":
            item.add_run(f" · {_('silenced issue')}")
        if issue.is_restricted:
            item.add_run(f" {_('Restricted: not shown to the public')}").italic = True
    for proposal in point.cited_proposals:
        item = writer.paragraph(style="List Bullet 2")
        item.add_run(f"{_('Proposal')}: ")
        text = _plain(proposal, "text")
        writer.link(item, text, _agenda_url(context, proposal, "proposal"))
        _place_of(writer, item, proposal.agenda)


def _place_of(writer: Writer, paragraph: Paragraph, agenda) -> None:
    if agenda.neighbourhood:
        paragraph.add_run(" — ")
        writer.field(paragraph, agenda.neighbourhood, "name")
        paragraph.add_run(", ")
        writer.field(paragraph, agenda.neighbourhood.city, "name")


def _plain(obj, field: str) -> str:
    return plain_text(localized(obj, field).text)


def _agenda_url(context, item, anchor: str) -> str:
    """The address of an item on its agenda's page (the site's own)."""
    path = reverse("agenda-detail", args=[item.agenda.slug])
    return f"{context['site_url']}{path}#{anchor}-{item.public_id}"


def opening_text(writer: Writer, context) -> None:
    """The city's story, the introduction and the context."""
    agenda, view = context["agenda"], context["view"]
    if agenda.neighbourhood:
        writer.markdown(agenda.neighbourhood.city, "description")
    for kind in ("introduction", "context"):
        for item in view.sections.get(kind, []):
            section(writer, context, item)


def issue(writer: Writer, context, issue, *, touches=None) -> None:
    """One issue (agendas/_issue.html): title, dots, restricted mark, the
    dimensions it also touches, where the national agenda cites it, and its
    description."""
    item = writer.paragraph(style="List Bullet")
    writer.field(item, issue, "title", bold=True)
    dots = getattr(issue, "dots", 0)
    if dots:
        item.add_run(
            " · "
            + ngettext(
                "%(counter)s dot in the workshop votes",
                "%(counter)s dots in the workshop votes",
                dots,
            )
            % {"counter": dots}
        )
    if issue.is_restricted:
        item.add_run(f" · {_('Restricted: not shown to the public')}").italic = True
    related = touches if touches is not None else list(issue.related_dimensions.all())
    if related:
        also = writer.paragraph(style="List Continue")
        label = _("Touches:") if touches is not None else _("Also touches:")
        also.add_run(f"{label} ")
        for number, dimension in enumerate(related):
            if number:
                also.add_run(", ")
            writer.field(also, dimension, "name")
    cited = getattr(issue, "cited_by", None)
    if cited:
        citations = writer.paragraph(style="List Continue")
        citations.add_run(f"{_('Cited in the national agenda:')} ")
        text = ""
        for point in cited:
            if text:
                # A point that ends its sentence needs no semicolon after it.
                citations.add_run(" " if text.endswith(".") else "; ")
            citations.add_run(f"{point.kind_label}: ")
            # Whole: a citation is never cut short.
            path = reverse("agenda-detail", args=[point.section.agenda.slug])
            url = f"{context['site_url']}{path}#point-{point.public_id}"
            text = _plain(point, "text")
            writer.link(citations, text, url)
    writer.markdown(issue, "description", style="List Continue", then="List Continue")


def priority_issues(writer: Writer, context) -> None:
    view = context["view"]
    if not view.has_priority_issues:
        return
    writer.heading(_("Priority issues"), 1)
    for item in view.sections.get("issues_intro", []):
        section(writer, context, item, level=2)
    for group in view.dimension_groups:
        heading = writer.heading("", 2)
        writer.field(heading, group.dimension, "name")
        for item in group.issues:
            issue(writer, context, item)
    if view.cross_cutting:
        # As the booklet: issues touching three or more dimensions, each
        # with every dimension it touches named.
        writer.heading(_("Cross-cutting issues"), 2)
        writer.paragraph(
            _(
                "Each of these issues touches three or more security dimensions "
                "at once, named beside it."
            )
        )
        for item in view.cross_cutting:
            issue(writer, context, item.issue, touches=item.dimensions)


def silenced_issues(writer: Writer, context) -> None:
    agenda, view = context["agenda"], context["view"]
    if not view.silenced:
        return
    heading = writer.heading("", 1)
    if localized(agenda, "silenced_heading").text:
        writer.field(heading, agenda, "silenced_heading")
    else:
        heading.add_run(_("Silenced issues"))
    for item in view.sections.get("silenced_intro", []):
        section(writer, context, item, level=2)
    for item in view.silenced:
        issue(writer, context, item)


def proposals(writer: Writer, context) -> None:
    view = context["view"]
    if not view.proposals_by_actor:
        return
    writer.heading(_("Proposals"), 1)
    for item in view.sections.get("proposals_intro", []):
        section(writer, context, item, level=2)
    for heading, items in view.proposals_by_actor:
        writer.heading(str(heading), 2)
        for proposal in items:
            writer.markdown(proposal, "text", style="List Bullet", then="List Continue")


def vote_results(writer: Writer, context) -> None:
    """The results of the agenda's votes (voting/_public_results.html): how
    they were counted, and the table of online, paper and combined figures."""
    found = context["view"].vote_results
    if not found:
        return
    results = found.results
    writer.heading(_("Vote results"), 1)
    writer.paragraph(" ".join(results_method(found)))
    if results.tallies_left_out:
        writer.paragraph(
            ngettext(
                "%(counter)s paper tally of fewer than %(smallest)s voters is not counted, "
                "so that their dots cannot be told apart.",
                "%(counter)s paper tallies of fewer than %(smallest)s voters each are not "
                "counted, so that their dots cannot be told apart.",
                results.tallies_left_out,
            )
            % {"counter": results.tallies_left_out, "smallest": found.smallest_group}
        )
    rows = []
    for place, row in enumerate(results.issues, start=1):
        points = ngettext("%(counter)s point", "%(counter)s points", row.points) % {
            "counter": row.points
        }
        rows.append(
            [
                str(place),
                localized(row.issue, "title").text,
                _("not shown") if row.online is None else str(row.online),
                str(row.paper),
                f"{percent(row.share)} ({points})",
            ]
        )
    writer.table(
        [_("Place"), _("Issue"), _("Online"), _("Paper"), _("Combined")],
        rows,
        caption=_(
            "Online ballots, paper tallies, and the two combined (each issue's share of each, "
            "weighted by the people who voted in it)."
        ),
    )


def results_method(found) -> list[str]:
    """How the results were counted, in the words of the booklet's results."""
    results, round = found.results, found.round
    said = []
    if round:
        closed = times.shown_in(round.closing_time, times.zone_of(round.agenda))
        vote = _("Vote “%(title)s”, closed on %(closed)s.")
        said.append(vote % {"title": round, "closed": closed})
        if results.paper_voters:
            said.append(
                ngettext(
                    "%(counter)s person voted online and %(paper)s on paper; each source counts "
                    "by its number of voters.",
                    "%(counter)s people voted online and %(paper)s on paper; each source counts "
                    "by its number of voters.",
                    results.ballots,
                )
                % {"counter": results.ballots, "paper": results.paper_voters}
            )
        else:
            said.append(
                ngettext(
                    "%(counter)s person voted online; no paper tally is counted.",
                    "%(counter)s people voted online; no paper tally is counted.",
                    results.ballots,
                )
                % {"counter": results.ballots}
            )
        if results.online_shown:
            said.append(
                _(
                    "An issue's combined share is its share of the online points, weighted by "
                    "the people who voted online, plus its share of the paper dots, weighted by "
                    "the people who voted on paper."
                )
            )
            said.append(
                {
                    "dots": _("Online, the points are dots, as on the flip charts."),
                    "approval": _("Online, each approval is a point."),
                }.get(
                    round.method,
                    _(
                        "Online, the points are Borda points: with n issues on the ballot, the "
                        "first place gets n − 1 and the last 0."
                    ),
                )
            )
        else:
            said.append(
                ngettext(
                    "Fewer than %(counter)s online ballot: their totals are not shown, so that "
                    "no one's ballot can be read from them.",
                    "Fewer than %(counter)s online ballots: their totals are not shown, so that "
                    "no one's ballot can be read from them.",
                    found.smallest_group,
                )
                % {"counter": found.smallest_group}
            )
            said.append(_("The combined result is the paper tallies' alone."))
    else:
        said.append(
            ngettext(
                "%(counter)s person voted on paper in the workshops, placing dots (stickers) on "
                "the issues that matter most to them; each issue's share is its share of the "
                "dots.",
                "%(counter)s people voted on paper in the workshops, placing dots (stickers) on "
                "the issues that matter most to them; each issue's share is its share of the "
                "dots.",
                results.paper_voters,
            )
            % {"counter": results.paper_voters}
        )
    said.append(_("Issues with equal shares keep the agenda's order."))
    return said


def principles_and_requirements(writer: Writer, context) -> None:
    view = context["view"]
    for kind in ("principles", "requirements"):
        for item in view.sections.get(kind, []):
            section(writer, context, item)


def credits(writer: Writer, context) -> None:
    """The credits page (booklets/_colophon.html): who made the agenda, and
    under which licence it may be used."""
    publication = context["publication"]
    colophon = publication.colophon
    writer.heading(_("Credits"), 1)
    for field, title in (
        ("team", _("Team")),
        ("institutions", _("Institutions")),
        ("funders", _("Funding")),
        ("design", _("Editorial design and print")),
        ("acknowledgements", _("Acknowledgements")),
    ):
        if localized(colophon, field).text:
            writer.heading(title, 2)
            writer.markdown(colophon, field, lines=True)
    writer.heading(_("Licence"), 2)
    licence(writer, writer.paragraph(), publication)
    if publication.publisher:
        writer.paragraph(_("Published by %(publisher)s.") % {"publisher": publication.publisher})


def licence(writer: Writer, paragraph: Paragraph, publication) -> None:
    paragraph.add_run(publication.licence.name)
    if publication.licence.url:
        paragraph.add_run(" · ")
        writer.link(paragraph, publication.licence.url, publication.licence.url)


def how_to_cite(writer: Writer, context) -> None:
    """The back cover (booklets/_back_cover.html): how to cite the agenda,
    and where it stays online."""
    publication = context["publication"]
    writer.heading(_("How to cite"), 1)
    writer.paragraph(publication.citation)
    for label, value in (
        (_("Version"), version_text(context)),
        (_("Permanent address"), publication.permanent_url),
    ):
        fact = writer.paragraph()
        fact.add_run(f"{label}: ").bold = True
        if value == publication.permanent_url:
            writer.link(fact, value, value)
        else:
            fact.add_run(value)
    fact = writer.paragraph()
    fact.add_run(f"{_('Licence')}: ").bold = True
    licence(writer, fact, publication)
    # The QR code of the back cover, to the same address.
    image = io.BytesIO()
    segno.make(publication.permanent_url, error="m").save(image, kind="png", scale=8, border=2)
    image.seek(0)
    writer.document.add_picture(image, width=QR_SIZE)
    writer.paragraph(
        _("Scan to open this version online.")
        if publication.version
        else _("Scan to open the agenda online."),
        style="Caption",
    )


# The document's parts, in the booklet's order (templates/booklets/booklet.html
# and templates/agendas/_agenda_body.html). A new part (a colophon, a back
# cover) is one more function here.
PARTS: tuple[Callable[[Writer, dict[str, Any]], None], ...] = (
    page_marks,
    title_page,
    participation,
    opening_text,
    priority_issues,
    silenced_issues,
    proposals,
    vote_results,
    principles_and_requirements,
    credits,
    how_to_cite,
)
