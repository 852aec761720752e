"""What an alliance page shows of its members: the first of them by role, those that
left, and the alliances sharing the most of them. Shown by the tags in
`templatetags/member_tags.py`.
"""

from django.db.models import BooleanField, Case, Count, F, Value, When, Window
from django.db.models.functions import RowNumber

from alliance_portal.models import Alliance
from alliance_portal.publishing.models import published_q

from .models import Membership

ROLE_ORDER = ["founder", "organiser", "member", "partner"]
# An alliance page lists this many members, founders and organisers first;
# the organisation list, filtered by the alliance, has them all.
MEMBERS_SHOWN = 60


def shown_memberships(alliance):
    """The first MEMBERS_SHOWN public current memberships in role order, then the
    MEMBERS_SHOWN that ended last, each with the total of its kind (`members_total`):
    one query, the current and the former numbered apart."""
    role_rank = Case(
        *(When(role=role, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)),
        default=Value(len(ROLE_ORDER)),
    )
    former = Case(
        When(left_on__isnull=True, then=Value(False)),
        default=Value(True),
        output_field=BooleanField(),
    )
    # Current memberships have no end date, so the first key orders former ones only.
    order = [F("left_on").desc(nulls_last=True), role_rank, "position", "id"]
    return list(
        Membership.objects.filter(published_q("organisation__"), alliance=alliance)
        .select_related("organisation")
        .annotate(
            number=Window(RowNumber(), partition_by=[former], order_by=order),
            members_total=Window(Count("pk"), partition_by=[former]),
        )
        .filter(number__lte=MEMBERS_SHOWN)
        .order_by(former.asc(), *order)
    )


def public_memberships(alliance):
    """`shown_memberships`, asked once per alliance object: the members section and
    the page's JSON-LD both show them."""
    if not hasattr(alliance, "public_memberships"):
        alliance.public_memberships = shown_memberships(alliance)
    return alliance.public_memberships


def current_and_former(memberships):
    """([current membership, …], [former membership, …])."""
    return (
        [m for m in memberships if not m.is_former],
        [m for m in memberships if m.is_former],
    )


def group_members(memberships):
    """[(role label, [(kind label, [membership, …]), …]), …] in a fixed role order."""
    groups = []
    for role in ROLE_ORDER:
        in_role = [m for m in memberships if m.role == role]
        if not in_role:
            continue
        kinds = {}
        for membership in in_role:
            kinds.setdefault(membership.organisation.get_kind_display(), []).append(membership)
        groups.append((in_role[0].get_role_display(), list(kinds.items())))
    return groups


def related_alliances(alliance, count=4):
    """Published alliances sharing the most current member organisations, then the same
    sector.

    Shared members are counted from the memberships of this alliance's members
    (a few hundred rows through the organisation index), not over every
    alliance's memberships. Three queries (two without a sector), whatever the size.
    """
    shared = dict(
        Membership.objects.filter(
            published_q("alliance__"),
            left_on__isnull=True,
            organisation__memberships__alliance=alliance,
            organisation__memberships__left_on__isnull=True,
        )
        .exclude(alliance=alliance)
        .values_list("alliance_id")
        # Counting a column of membership_by_organisation_idx, which also holds
        # `left_on`, keeps this index-only.
        .annotate(shared=Count("organisation_id"))
        .order_by("-shared", "alliance__name")[:count]
    )
    related = Alliance.objects.published().select_related("sector")
    by_members = sorted(
        related.filter(pk__in=shared), key=lambda other: (-shared[other.pk], other.name)
    )
    by_sector = []
    if alliance.sector_id:
        # Asked even when four share members, so that the page's queries do
        # not depend on how many do.
        by_sector = list(
            related.filter(sector_id=alliance.sector_id)
            .exclude(pk__in=[alliance.pk, *shared])
            .order_by("name")[:count]
        )
    return (by_members + by_sector)[:count]
