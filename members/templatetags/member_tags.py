"""The members app's parts of an alliance page: members, contacts, related alliances,
and the alliance's schema.org description, which names its members."""

from django import template
from django.utils.translation import gettext

from alliance_portal.web.structured_data import organization_data
from members.alliance_page import (
    current_and_former,
    group_members,
    public_memberships,
    related_alliances,
)
from members.models import AllianceContact

register = template.Library()


@register.inclusion_tag("members/includes/_alliance_members.html")
def alliance_members(alliance):
    """The first members by role and kind, with a link to all of them, and the former
    members that left last, with their years: one query."""
    current, former = current_and_former(public_memberships(alliance))
    return {
        "alliance": alliance,
        "member_groups": group_members(current),
        "members_shown": len(current),
        "members_total": current[0].members_total if current else 0,
        "former_members": former,
        "former_total": former[0].members_total if former else 0,
    }


@register.filter
def membership_years(membership):
    """The years of a former membership: "2021–2024", "2024" (joined and left in one
    year), or "until 2024" when the day it joined is not known."""
    left = membership.left_on.year
    if membership.joined_on is None:
        return gettext("until %(year)s") % {"year": left}
    joined = membership.joined_on.year
    return f"{joined}–{left}" if joined != left else str(left)


@register.inclusion_tag("members/includes/_alliance_contacts.html")
def alliance_contacts(alliance):
    """The alliance's contacts with their organisations: one query."""
    contacts = AllianceContact.objects.filter(alliance=alliance).select_related(
        "person__organisation"
    )
    return {"contacts": contacts}


@register.inclusion_tag("members/includes/_related_alliances.html")
def alliance_relatives(alliance):
    """Alliances sharing the most members, then the sector: three queries at most."""
    return {"related_alliances": related_alliances(alliance)}


@register.simple_tag(takes_context=True)
def alliance_structured_data(context, alliance):
    """schema.org Organization of the alliance with its current members shown on the
    page (former members are no `member`)."""
    return organization_data(
        context["request"],
        alliance,
        description=alliance.summary,
        alternate_name=alliance.short_name,
        founded_on=alliance.founded_on,
        founding_place=alliance.founding_place,
        members=[m.organisation for m in current_and_former(public_memberships(alliance))[0]],
    )
