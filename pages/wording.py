"""Messages of Django's own that another installed app words differently in
Spanish (Django REST framework says "Este campo es requerido."). The site's
catalogue comes before every app's, so keeping Django's wording here makes
every form say it the same way."""

from django.utils.translation import gettext_noop

DJANGO_WORDING = [gettext_noop("This field is required.")]
