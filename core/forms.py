"""What every page with a form shares."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_form(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a page with a form. After a POST the form was refused (a form
    that is accepted redirects), so the answer is 400: scripts and assistive
    tools can tell a refusal from a first display."""
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)
