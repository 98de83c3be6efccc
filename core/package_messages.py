"""Messages of the packages the site runs on (Django, its admin and auth)
that their own Spanish catalogues give with *tú*, or wrongly, while the
site says *usted* everywhere.

The project's locale/ comes first in LOCALE_PATHS, so the same msgid in
our catalogue wins over the package's. makemessages only keeps msgids it
finds in our source, so they are marked here, untouched otherwise: nothing
imports this module. The Spanish is in locale/es; tests/config (the usted
tests) read every package message as the site serves it and fail on a
*tú* form.

Left to the packages: the pages Django shows only in development (the
welcome page of a project without addresses, the technical error pages).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

PACKAGE_MESSAGES = (
    # django.forms.JSONField: the admin's forms for JSON fields.
    gettext_noop("Enter a valid JSON."),
    # django.contrib.auth's username rule and help, in the admin's user forms
    # (its Spanish misspells "caracteres").
    gettext_noop("Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."),
    gettext_noop(
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ "
        "characters."
    ),
    # The admin's messages name a model by its verbose name, after an article
    # and before a participle that Django's Spanish makes masculine ("El
    # ciudad … fue agregado"): the site's Spanish says them without either.
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop("Added {name} “{object}”."),
    gettext_noop("Deleted {name} “{object}”."),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of the '
        "following related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    # The admin's delete page, and django.contrib.auth's forms.
    gettext_noop("No, take me back"),
    gettext_noop("Conflicting form data submitted. Please try again."),
    # Django's form errors, in the words the site uses ("Escriba", "Seleccione",
    # "archivo") rather than Spain's ("Introduzca", "Escoja", "fichero").
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid integer."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a valid duration."),
    gettext_noop("Enter a valid value."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid UUID."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter only digits separated by commas."),
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_noop(
        "Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."
    ),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    gettext_noop("Please either submit a file or check the clear checkbox, not both."),
    # The same in Django REST framework's messages, in the API's answers.
    gettext_noop("A valid integer is required."),
    gettext_noop('Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.'),
    gettext_noop(
        'Enter a valid "slug" consisting of Unicode letters, numbers, underscores, or hyphens.'
    ),
    gettext_noop("Enter a valid IPv4 or IPv6 address."),
    # The admin's greeting, to one person.
    gettext_noop("Welcome,"),
    # The admin's password reset form (the site's own reset links are in people/).
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we’ll email instructions "
        "for setting a new one."
    ),
    # Django's own CSRF failure page, should a view ever fall back to it
    # (templates/403_csrf.html is the site's).
    gettext_noop(
        "You are seeing this message because this HTTPS site requires a “Referer header” to be "
        "sent by your web browser, but none was sent. This header is required for security "
        "reasons, to ensure that your browser is not being hijacked by third parties."
    ),
    gettext_noop(
        "You are seeing this message because this site requires a CSRF cookie when submitting "
        "forms. This cookie is required for security reasons, to ensure that your browser is not "
        "being hijacked by third parties."
    ),
)

# The admin's count of rows changed at once from its list, one sentence per
# number (ngettext_lazy keeps both forms in the catalogue).
PACKAGE_PLURAL_MESSAGES = (
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        "count",
    ),
)
