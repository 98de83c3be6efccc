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

from django.utils.translation import gettext_noop

PACKAGE_MESSAGES = (
    # django.forms.JSONField: the admin's forms for JSON fields.
    gettext_noop("Enter a valid JSON."),
    # django.contrib.auth's username validator, in the admin's user forms.
    gettext_noop(
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ "
        "characters."
    ),
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
