"""The members app's parts of an alliance page: members, contacts, related alliances,
and the alliance's schema.org description, which names its members."""

from django import template

from alliance_portal.web.structured_data import organization_data
from members.alliance_page import group_members, public_memberships, related_alliances
from members.models import AllianceContact

register = template.Library()


@register.inclusion_tag("members/includes/_alliance_members.html")
def alliance_members(alliance):
    """The first members by role and kind, with a link to all of them: one query."""
    memberships = public_memberships(alliance)
    return {
        "alliance": alliance,
        "member_groups": group_members(memberships),
        "members_shown": len(memberships),
        "members_total": memberships[0].members_total if memberships else 0,
    }


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
    """schema.org Organization of the alliance with its members shown on the page."""
    return organization_data(
        context["request"],
        alliance,
        description=alliance.summary,
        alternate_name=alliance.short_name,
        founded_on=alliance.founded_on,
        founding_place=alliance.founding_place,
        members=[membership.organisation for membership in public_memberships(alliance)],
    )
