"""The cover holds what a team may write on it without anything drawn over
anything else: a publisher, several institutions and the note that the text
changed since its version, in the internal edition on Letter paper (the
shortest page, with the confidential mark above)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from agendas.models import Agenda, Colophon, Issue
from booklets.rendering import Stamp, booklet_html
from core.pdf import render_pdf

from .layout import read_pages
from .layout_checks import overlapping_lines

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_full_cover_draws_nothing_over_anything(language):
    agenda = Agenda.objects.get(slug="sanchez-taboada")
    colophon, _ = Colophon.objects.get_or_create(agenda=agenda)
    colophon.publisher_es = colophon.publisher_en = "Observatorio Ciudadano de Seguridad Humana"
    institutions = "\n".join(
        [
            "The London School of Economics and Political Science",
            "UK Research and Innovation",
            "Fondo de Cooperación Internacional en Ciencia y Tecnología (FONCICYT)",
            "Universidad Autónoma de Baja California",
        ]
    )
    colophon.institutions_es = colophon.institutions_en = institutions
    colophon.save()
    issue = Issue.objects.filter(agenda=agenda).first()
    issue.title_en = issue.title_es = issue.title_es + " (revisado)"
    issue.save()  # the text changes after its published version: the cover says so
    admin = get_user_model().objects.get(username="admin")
    html = booklet_html(
        agenda,
        user=admin,
        edition="internal",
        language=language,
        paper="letter",
        stamp=Stamp("Admin", timezone.now()),
    )
    cover = read_pages(render_pdf(html))[0]
    text = " ".join(line.text for line in cover.lines)
    assert "FONCICYT" in text and "Observatorio" in text
    assert "2016–2018" in text
    assert not overlapping_lines([cover])
