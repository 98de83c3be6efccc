"""What every page with a form shares."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

if TYPE_CHECKING:
    from django import forms

    # What the mixin extends, as the type checker should see it: model forms.
    _ModelForm = forms.ModelForm
else:
    _ModelForm = object

# A link's rule and its service: (check(obj, chosen), write(obj, chosen)).
Link = tuple[Callable[[Any, Any], None], Callable[[Any, Any], None]]


def render_form(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a page with a form. After a POST the form was refused (a form
    that is accepted redirects), so the answer is 400: scripts and assistive
    tools can tell a refusal from a first display."""
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


class LinksByServices(_ModelForm):
    """For a model form with many-to-many links whose rules the database
    cannot state (a proposal answers only issues of its own agenda): each
    is checked by its app's rule once the rest of the form is valid (the rule
    reads the object the form built), so the person reads why, and written
    by its app's service; the form's other many-to-many fields are saved as
    Django saves them.

    `links`: field name -> (check(obj, chosen), write(obj, chosen)), both
    raising ValidationError when refused.
    """

    links: dict[str, Link] = {}

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        if self.errors:
            return
        for name, (check, _write) in self.links.items():
            if name in self.cleaned_data:
                try:
                    check(self.instance, self.cleaned_data[name])
                except ValidationError as error:
                    self.add_error(None if hasattr(error, "error_dict") else name, error)

    def _save_m2m(self) -> None:
        # Django's own loop over the many-to-many fields, a link handed to its service.
        for f in self.instance._meta.many_to_many:
            if f.name not in self.cleaned_data:
                continue
            if f.name in self.links:
                _check, write = self.links[f.name]
                write(self.instance, self.cleaned_data[f.name])
            else:
                f.save_form_data(self.instance, self.cleaned_data[f.name])
