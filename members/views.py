from django.db.models import Prefetch
from django.views.generic import DetailView

from alliance_portal.models import published_q
from alliance_portal.views import PreviewableMixin

from .models import Membership, Organisation


class OrganisationDetailView(PreviewableMixin, DetailView):
    model = Organisation

    def get_queryset(self):
        memberships = (
            Membership.objects.filter(published_q("alliance__"))
            .select_related("alliance")
            .order_by("alliance__name")
        )
        return self.base_queryset().prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="public_memberships")
        )
