"""The alliance pages: home, the list, one alliance, its key figures as CSV and JSON.

Members, contacts, news and statements on an alliance page come from their own apps'
template tags (members, news and statements build on this app, not the other way).
"""

import csv

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from .models import KEY_FIGURE_FIELDS, Alliance, Goal, Sector
from .publishing.parameters import (
    ChoiceParameterField,
    DeclaredParametersMixin,
    PaginatedParameters,
    SlugParameterField,
    YearField,
    country_codes,
)
from .publishing.views import (
    KeysFirstPaginator,
    PreviewableMixin,
    country_choices,
    moved_permanently,
)
from .web import share_images


class AllianceYearParameters(PaginatedParameters):
    alliance = SlugParameterField()
    year = YearField()


class AllianceListParameters(PaginatedParameters):
    kind = ChoiceParameterField(Alliance.Kind.choices)
    country = ChoiceParameterField(country_codes)
    sector = SlugParameterField()


class AllianceYearFilterMixin(DeclaredParametersMixin):
    """Lists of dated, published items filtered by ?alliance=<slug> and ?year=<year>."""

    parameters = AllianceYearParameters
    alliance_lookup = "alliances"  # how the listed model reaches its alliance(s)
    paginate_by = 20
    paginator_class = KeysFirstPaginator

    def get_queryset(self):
        items = self.published_items()
        self.alliance = None
        if slug := self.params["alliance"]:
            self.alliance = get_object_or_404(Alliance.objects.published(), slug=slug)
            items = items.filter(**{self.alliance_lookup: self.alliance})
        self.year = self.params["year"]
        if self.year:
            items = items.filter(published_at__year=self.year)
        return items.order_by("-published_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = self.model.objects.published()
        context["chosen_alliance"] = self.alliance
        context["chosen_year"] = str(self.year or "")
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


class AllianceListView(DeclaredParametersMixin, ListView):
    """All published alliances, filtered by kind, country and sector."""

    parameters = AllianceListParameters
    template_name = "alliance_portal/alliance_list.html"
    context_object_name = "alliances"
    paginate_by = 24

    def get_queryset(self):
        alliances = Alliance.objects.published().select_related("sector")
        if kind := self.params["kind"]:
            alliances = alliances.filter(kind=kind)
        if country := self.params["country"]:
            alliances = alliances.filter(country=country)
        if sector := self.params["sector"]:
            alliances = alliances.filter(sector__slug=sector)
        return alliances.order_by("name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Alliance.objects.published()
        context["chosen"] = self.params
        context["kinds"] = Alliance.Kind.choices
        context["countries"] = country_choices(published)
        sectors = Sector.objects.filter(alliances__in=published).distinct()
        context["sectors"] = [(sector.slug, sector.name) for sector in sectors]
        return context


class AllianceDetailView(PreviewableMixin, DetailView):
    model = Alliance

    def get_queryset(self):
        sub_goals = Prefetch("children", queryset=Goal.objects.order_by("position", "id"))
        main_goals = Goal.objects.filter(parent__isnull=True).prefetch_related(sub_goals)
        return (
            self.base_queryset()
            .select_related("sector")
            .prefetch_related(
                Prefetch("goals", queryset=main_goals, to_attr="main_goals"),
                "demands",
                "key_figures",
                "participant_groups",
                "sections",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        main_goals = self.object.main_goals
        context["goals"] = [g for g in main_goals if g.kind == Goal.Kind.GOAL]
        context["fields_of_action"] = [g for g in main_goals if g.kind == Goal.Kind.FIELD_OF_ACTION]
        return context


def plain_number(value):
    """22500000000.000 → "22500000000"; 12.500 → "12.5": no exponent, no padding."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def key_figures_download(request, slug, format):
    """The alliance's key figures as CSV or JSON, in the visitor's language."""
    if format not in ("csv", "json"):
        raise Http404("Key figures come as .csv or .json.")
    alliance = Alliance.objects.published().filter(slug=slug).first()
    if alliance is None:
        return moved_permanently(
            Alliance.objects.published(),
            slug,
            lambda moved: reverse("alliances:key-figures", args=[moved.slug, format]),
        )
    rows = [
        {
            name: plain_number(figure.value) if name == "value" else getattr(figure, name)
            for name in KEY_FIGURE_FIELDS
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
        writer = csv.DictWriter(response, fieldnames=KEY_FIGURE_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def alliance_share_card(alliance):
    """What an alliance's sharing image shows, in the active language."""
    facts = [str(alliance.get_kind_display())]
    if alliance.region:
        facts.append(alliance.region)
    elif alliance.country:
        facts.append(str(alliance.country.name))
    return share_images.ShareCard(
        title=alliance.name,
        band_text=" · ".join(facts),
        colour=alliance.brand_colour,
        summary=alliance.summary,
        logo=share_images.read_file(alliance.logo),
    )


@require_safe
def alliance_share_image(request, slug):
    """The alliance's sharing image (web/share_images.py), for whoever may see its page:
    a draft's is a 404 for the public, as its page is."""
    alliances = Alliance.objects.visible_to(request.user)
    alliance = alliances.filter(slug=slug).first()
    if alliance is None:
        return moved_permanently(
            alliances, slug, lambda moved: reverse("alliances:share-image", args=[moved.slug])
        )
    version = (
        "alliance",
        alliance.pk,
        get_language(),
        alliance.updated_at.isoformat(),
        alliance.brand_colour,
        alliance.logo.name,
    )
    png = share_images.cached_png(
        version, lambda: share_images.render(alliance_share_card(alliance))
    )
    response = HttpResponse(png, content_type="image/png")
    if not alliance.is_published:
        response["Cache-Control"] = "private, no-store"
    return response
