from django.utils.translation import gettext_lazy as _

from .models import Alliance
from .web.search import Searchable

SEARCHABLE = [
    Searchable(
        label=_("Alliances"),
        queryset=lambda: Alliance.objects.published(),
        title_field="name",
        text_fields=("name", "summary", "description"),
        weight=40,
    ),
]
