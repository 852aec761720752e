from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from alliance_portal.models import Alliance
from alliance_portal.structured_data import news_article_data
from alliance_portal.views import PreviewableMixin
from members.models import Organisation

from .models import PressStatement


class PressListView(ListView):
    """Released statements, newest first; filter by alliance (slug) and year."""

    template_name = "statements/pressstatement_list.html"
    context_object_name = "statements"
    paginate_by = 20

    def get_queryset(self):
        statements = PressStatement.objects.published().select_related("alliance")
        self.alliance = None
        if slug := self.request.GET.get("alliance", "").strip():
            self.alliance = get_object_or_404(Alliance.objects.published(), slug=slug)
            statements = statements.filter(alliance=self.alliance)
        self.year = self.request.GET.get("year", "").strip()
        if self.year.isdigit():
            statements = statements.filter(published_at__year=int(self.year))
        else:
            self.year = ""
        return statements.order_by("-published_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        released = PressStatement.objects.published()
        context["chosen_alliance"] = self.alliance
        context["chosen_year"] = self.year
        context["years"] = [d.year for d in released.dates("published_at", "year", order="DESC")]
        context["alliances"] = (
            Alliance.objects.published().filter(press_statements__in=released).distinct()
        )
        return context


class PressDetailView(PreviewableMixin, DetailView):
    model = PressStatement
    context_object_name = "statement"

    def get_queryset(self):
        return (
            self.base_queryset()
            .select_related("alliance")
            .prefetch_related(
                "quotes",
                "attachments",
                Prefetch("signatories", queryset=Organisation.objects.published()),
                Prefetch("press_contacts__organisation"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.object
        data = news_article_data(
            self.request,
            headline=statement.headline,
            description=statement.sub_headline or statement.lead,
            published=statement.published_at,
            modified=statement.updated_at,
            url=statement.get_absolute_url(),
            publishers=[statement.alliance.name],
        )
        data["dateline"] = statement.dateline_place
        data["articleBody"] = statement.body
        context["structured_data"] = data
        # An embargoed statement seen in preview must never reach a search engine.
        context["noindex"] = not statement.is_published
        return context
