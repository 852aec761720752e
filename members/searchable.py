from django.utils.translation import gettext_lazy as _

from alliance_portal.web.search import Searchable

from .models import Organisation

SEARCHABLE = [
    Searchable(
        label=_("Organisations"),
        queryset=lambda: Organisation.objects.published(),
        title_field="name",
        text_fields=("name", "description"),
        weight=30,
    ),
]
