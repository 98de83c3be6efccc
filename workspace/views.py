"""Workspace pages. Who may enter is decided in access.rules."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .selectors import dashboard as dashboard_for


@require_safe
@login_required
def dashboard(request):
    if not request.user.has_perm("workspace.view_dashboard"):
        raise PermissionDenied
    return render(request, "workspace/dashboard.html", {"dashboard": dashboard_for(request.user)})
