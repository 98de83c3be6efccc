"""The icons the site draws: a curated few of Lucide's (lucide-static, ISC
licence), collected as the site's own static files (settings.STATIC_VENDOR_FILES)
and drawn inline by the `{% icon %}` tag (core.templatetags.icons), so that
neither a page nor a printed booklet asks for another file.

Icons are decorative: whatever one stands beside is named in words."""

from django.utils.translation import gettext_lazy as _

# Where collected icons live among the static files.
PREFIX = "vendor/icons"

# What a security dimension may be drawn with (communities.SecurityDimension.icon),
# each named by what it shows for the person choosing.
DIMENSION_ICONS = [
    ("shield-user", _("Shield with a person")),
    ("landmark", _("Public building")),
    ("vote", _("Ballot box")),
    ("scale", _("Scales of justice")),
    ("users", _("Group of people")),
    ("house-heart", _("House with a heart")),
    ("handshake", _("Handshake")),
    ("wallet", _("Wallet")),
    ("coins", _("Coins")),
    ("briefcase", _("Briefcase")),
    ("venus", _("Female sign")),
    ("graduation-cap", _("Graduation cap")),
    ("backpack", _("Backpack")),
    ("heart-pulse", _("Heart with a pulse")),
    ("stethoscope", _("Stethoscope")),
    ("leaf", _("Leaf")),
    ("trees", _("Trees")),
    ("sprout", _("Sprout")),
    ("wheat", _("Ear of wheat")),
    ("apple", _("Apple")),
    ("utensils", _("Fork and knife")),
    ("megaphone", _("Megaphone")),
]

# Fixed icons of the agenda's blocks: proposals by actor (proposals.Proposal.ICONS),
# the cross-cutting issues and the silenced ones.
ACTOR_ICONS = {"authorities": "landmark", "civil_society": "hand-heart", "community": "users"}
CROSS_CUTTING_ICON = "waypoints"
SILENCED_ICON = "mic-off"

ICON_NAMES = sorted(
    {name for name, _label in DIMENSION_ICONS}
    | set(ACTOR_ICONS.values())
    | {CROSS_CUTTING_ICON, SILENCED_ICON}
)
