from django.db.models import Prefetch
from django.views.generic import DetailView, ListView
from django_countries.fields import Country

from .models import Alliance, Goal, Sector, published_q


class PreviewableMixin:
    """Public pages show published items; staff who may edit also see drafts.

    A draft shown to staff carries a banner (`is_preview`) and is never cached.
    """

    def base_queryset(self):
        model = self.model
        if self.request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            return model.objects.all()
        return model.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_published
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            response["Cache-Control"] = "private, no-store"
        return response


class HomeView(ListView):
    template_name = "alliance_portal/home.html"
    context_object_name = "alliances"

    def get_queryset(self):
        return Alliance.objects.published().select_related("sector").order_by("-featured", "name")


class AllianceListView(ListView):
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
        codes = published.exclude(country="").values_list("country", flat=True).distinct()
        context["countries"] = sorted((Country(code) for code in codes), key=str)
        context["sectors"] = Sector.objects.filter(alliances__in=published).distinct()
        return context


class AllianceDetailView(PreviewableMixin, DetailView):
    model = Alliance

    def get_queryset(self):
        # Memberships and contacts belong to the members app, which builds on
        # this one; reach their models through the relations, not an import.
        memberships = Alliance._meta.get_field("memberships").related_model.objects
        contacts = Alliance._meta.get_field("contacts").related_model.objects
        main_goals = Goal.objects.filter(parent__isnull=True).prefetch_related("children")
        return (
            self.base_queryset()
            .select_related("sector")
            .prefetch_related(
                Prefetch("goals", queryset=main_goals, to_attr="main_goals"),
                Prefetch(
                    "memberships",
                    queryset=memberships.filter(published_q("organisation__"))
                    .select_related("organisation")
                    .order_by("position", "id"),
                    to_attr="public_memberships",
                ),
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
