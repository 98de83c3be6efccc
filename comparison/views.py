"""The comparison page. The view reads the filters, asks the selectors and
renders; who may see what is decided in `access.rules`."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from access import disclosure

from . import charts
from .forms import CompareForm
from .selectors import Filters, all_dimensions, cities_for, compare


@require_safe
def compare_page(request):
    dimensions = all_dimensions()
    form = CompareForm(request.GET or None, cities=cities_for(request.user), dimensions=dimensions)
    context = {"form": form, "comparison": None, "smallest_group": disclosure.SMALLEST_GROUP}
    if form.is_bound and not form.is_valid():
        # Nothing is computed from a value that was refused.
        return render(request, "comparison/compare.html", context, status=400)
    filters = Filters.from_form(form) if form.is_bound else Filters()
    comparison = compare(request.user, filters, dimensions)
    context.update(
        comparison=comparison,
        issues_chart=charts.issues_chart(comparison),
        participants_chart=charts.participants_chart(comparison),
    )
    return render(request, "comparison/compare.html", context)
