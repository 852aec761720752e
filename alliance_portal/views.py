import csv

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Value, When, Window
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView
from django_countries.fields import Country

from . import search
from .models import Alliance, Goal, Sector, published_q


class PreviewableMixin:
    """Public pages show published items; staff who may edit also see drafts.

    A page the public cannot see (a draft, a scheduled or an expired item) is
    shown to staff with a banner saying why (`is_preview`, `preview_state`),
    marked noindex and never cached.
    """

    def base_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published
        context["preview_state"] = self.object.publication_state
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            response["Cache-Control"] = "private, no-store"
        return response


def country_choices(queryset):
    """(code, name) of the countries the items of `queryset` are in, sorted by name."""
    codes = queryset.exclude(country="").order_by().values_list("country", flat=True).distinct()
    return sorted(((code, Country(code).name) for code in codes), key=lambda pair: str(pair[1]))


class KeysFirstPaginator(Paginator):
    """Pages of public items that find the page's keys first, then read only its rows.

    A deep page skips thousands of items: this way PostgreSQL skips them in the
    index alone (an index-only scan, see `PUBLIC_LIST_INDEX_FIELDS`) instead of
    reading each skipped row. Same page numbers, one query per page as before.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.object_list.slice_by_keys(bottom, top), number, self)


class FilterQueryMixin:
    """Gives list templates the current filters, to keep them on pagination links."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context["filter_query"] = f"{params.urlencode()}&" if params else ""
        return context


class AllianceYearFilterMixin(FilterQueryMixin):
    """Lists of dated, published items filtered by ?alliance=<slug> and ?year=<year>."""

    alliance_lookup = "alliances"  # how the listed model reaches its alliance(s)
    paginate_by = 20
    paginator_class = KeysFirstPaginator

    def get_queryset(self):
        items = self.published_items()
        self.alliance = None
        if slug := self.request.GET.get("alliance", "").strip():
            self.alliance = get_object_or_404(Alliance.objects.published(), slug=slug)
            items = items.filter(**{self.alliance_lookup: self.alliance})
        self.year = self.request.GET.get("year", "").strip()
        if self.year.isdigit():
            items = items.filter(published_at__year=int(self.year))
        else:
            self.year = ""
        return items.order_by("-published_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = self.model.objects.published()
        context["chosen_alliance"] = self.alliance
        context["chosen_year"] = self.year
        context["years"] = published.years()
        # Per alliance, an index lookup that stops at its first public item; of the
        # alliances (hundreds), only (slug, name in the visitor's language or German)
        # pairs: making hundreds of model instances would cost more than the rest
        # of the page.
        context["alliances"] = (
            Alliance.objects.published()
            .filter(Exists(published.filter(**{self.alliance_lookup: OuterRef("pk")})))
            .values_list("slug", "name")
        )
        return context

    def published_items(self):
        return self.model.objects.published()


class HomeView(ListView):
    template_name = "alliance_portal/home.html"
    context_object_name = "alliances"

    def get_queryset(self):
        # Featured alliances first; the rest fill up to six cards.
        return (
            Alliance.objects.published().select_related("sector").order_by("-featured", "name")[:6]
        )


class AllianceListView(FilterQueryMixin, ListView):
    """All published alliances, filtered by kind, country and sector."""

    template_name = "alliance_portal/alliance_list.html"
    context_object_name = "alliances"
    paginate_by = 24
    filters = ("kind", "country", "sector")

    def get_queryset(self):
        alliances = Alliance.objects.published().select_related("sector")
        chosen = self.chosen_filters()
        if chosen.get("kind"):
            alliances = alliances.filter(kind=chosen["kind"])
        if chosen.get("country"):
            alliances = alliances.filter(country=chosen["country"])
        if chosen.get("sector"):
            alliances = alliances.filter(sector__slug=chosen["sector"])
        return alliances.order_by("name", "pk")

    def chosen_filters(self):
        return {name: self.request.GET.get(name, "").strip() for name in self.filters}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Alliance.objects.published()
        context["chosen"] = self.chosen_filters()
        context["kinds"] = Alliance.Kind.choices
        context["countries"] = country_choices(published)
        sectors = Sector.objects.filter(alliances__in=published).distinct()
        context["sectors"] = [(sector.slug, sector.name) for sector in sectors]
        return context


class AllianceDetailView(PreviewableMixin, DetailView):
    model = Alliance

    def get_queryset(self):
        # Contacts belong to the members app, which builds on this one: reach
        # their model through the relation, not an import. Memberships are
        # fetched apart, the first MEMBERS_SHOWN only (shown_memberships).
        contacts = Alliance._meta.get_field("contacts").related_model.objects
        sub_goals = Prefetch("children", queryset=Goal.objects.order_by("position", "id"))
        main_goals = Goal.objects.filter(parent__isnull=True).prefetch_related(sub_goals)
        return (
            self.base_queryset()
            .select_related("sector")
            .prefetch_related(
                Prefetch("goals", queryset=main_goals, to_attr="main_goals"),
                Prefetch(
                    "contacts",
                    queryset=contacts.select_related("person__organisation"),
                ),
                "demands",
                "key_figures",
                "participant_groups",
                "sections",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alliance = self.object
        alliance.public_memberships = shown_memberships(alliance)
        context["member_groups"] = group_members(alliance.public_memberships)
        context["members_total"] = (
            alliance.public_memberships[0].members_total if alliance.public_memberships else 0
        )
        context["goals"] = [g for g in alliance.main_goals if g.kind == Goal.Kind.GOAL]
        context["fields_of_action"] = [
            g for g in alliance.main_goals if g.kind == Goal.Kind.FIELD_OF_ACTION
        ]
        context["related_alliances"] = related_alliances(alliance)
        context["structured_data"] = alliance_structured_data(self.request, alliance)
        return context


ROLE_ORDER = ["founder", "organiser", "member", "partner"]
# An alliance page lists this many members, founders and organisers first;
# the organisation list, filtered by the alliance, has them all.
MEMBERS_SHOWN = 60


def shown_memberships(alliance):
    """The first MEMBERS_SHOWN public memberships in role order, each with the total."""
    memberships = Alliance._meta.get_field("memberships").related_model.objects
    role_rank = Case(
        *(When(role=role, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)),
        default=Value(len(ROLE_ORDER)),
    )
    return list(
        memberships.filter(published_q("organisation__"), alliance=alliance)
        .select_related("organisation")
        .annotate(members_total=Window(Count("pk")))
        .order_by(role_rank, "position", "id")[:MEMBERS_SHOWN]
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
    """Published alliances sharing the most member organisations, then the same sector.

    Shared members are counted from the memberships of this alliance's members
    (a few hundred rows through the organisation index), not over every
    alliance's memberships. Three queries (two without a sector), whatever the size.
    """
    memberships = Alliance._meta.get_field("memberships").related_model.objects
    shared = dict(
        memberships.filter(published_q("alliance__"), organisation__memberships__alliance=alliance)
        .exclude(alliance=alliance)
        .values_list("alliance_id")
        # Counting a column of membership_by_organisation_idx keeps this index-only.
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


def alliance_structured_data(request, alliance):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": alliance.name,
        "description": alliance.summary,
        "url": request.build_absolute_uri(alliance.get_absolute_url()),
        "member": [
            {
                "@type": "Organization",
                "name": m.organisation.name,
                "url": request.build_absolute_uri(m.organisation.get_absolute_url()),
            }
            for m in alliance.public_memberships
        ],
    }
    if alliance.short_name:
        data["alternateName"] = alliance.short_name
    if alliance.founded_on:
        data["foundingDate"] = alliance.founded_on.isoformat()
    if alliance.logo:
        data["logo"] = request.build_absolute_uri(alliance.logo.url)
    if alliance.website:
        data["sameAs"] = [alliance.website]
    return data


KEY_FIGURE_COLUMNS = [
    "label",
    "qualifier",
    "value",
    "unit",
    "year",
    "scope",
    "source",
    "source_url",
]


def plain_number(value):
    """22500000000.000 → "22500000000"; 12.500 → "12.5": no exponent, no padding."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def key_figures_download(request, slug, format):
    """The alliance's key figures as CSV or JSON, in the visitor's language."""
    if format not in ("csv", "json"):
        raise Http404("Key figures come as .csv or .json.")
    alliance = get_object_or_404(Alliance.objects.published(), slug=slug)
    rows = [
        {
            "label": figure.label,
            "qualifier": figure.qualifier,
            "value": plain_number(figure.value),
            "unit": figure.unit,
            "year": figure.year,
            "scope": figure.scope,
            "source": figure.source,
            "source_url": figure.source_url,
        }
        for figure in alliance.key_figures.all()
    ]
    filename = f"{alliance.slug}-key-figures-{get_language()}.{format}"
    if format == "json":
        response = JsonResponse(
            {
                "alliance": alliance.name,
                "url": request.build_absolute_uri(alliance.get_absolute_url()),
                "key_figures": rows,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        # A byte-order mark lets spreadsheet programs read the umlauts right.
        response.write("\ufeff")
        writer = csv.DictWriter(response, fieldnames=KEY_FIGURE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SearchView(TemplateView):
    template_name = "alliance_portal/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        query = search.clean_query(raw)
        context["query"] = " ".join(raw.split())[: search.MAX_QUERY_LENGTH]
        context["too_short"] = bool(raw.strip()) and query is None
        found = search.search(query) if query else search.Found(groups=[])
        context["groups"] = found.groups
        context["incomplete"] = not found.complete
        context["noindex"] = True
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context["incomplete"]:
            # Another try may find everything: keep this page nowhere.
            patch_cache_control(response, no_store=True)
        return response


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /de/search/",
        "Disallow: /en/search/",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
