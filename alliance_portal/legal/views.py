from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView

from .models import LegalPage


class LegalPageDetailView(DetailView):
    """A legal page by its kind; a kind without a page is a 404.

    Reached by the other language's address (/en/impressum/), it redirects to its own
    (/en/imprint/), so each page has one address per language.
    """

    model = LegalPage
    context_object_name = "legal_page"

    def get(self, request, *args, **kwargs):
        address = reverse("legal:detail", kwargs={"kind": kwargs["kind"]})
        if request.path != address:
            return redirect(address, permanent=True)
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return get_object_or_404(LegalPage, kind=self.kwargs["kind"])
