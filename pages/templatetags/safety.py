"""What pages for residents share: who is shown the "Leave this page quickly"
control and the "My data" link, and where the control leads.

Asked of the rules' predicates themselves, not `perms`: Django grants a
superuser every permission, and an administrator has no data page.
"""

from django import template
from django.conf import settings

from access.rules import can_hold_own_data, is_resident_of

register = template.Library()


@register.simple_tag
def quick_exit_url():
    return settings.QUICK_EXIT_URL


@register.filter
def is_resident(user):
    return is_resident_of.test(user, None)


@register.filter
def holds_own_data(user):
    return can_hold_own_data.test(user, None)
