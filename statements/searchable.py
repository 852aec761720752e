from django.utils.translation import gettext_lazy as _

from alliance_portal.web.search import Searchable

from .models import PressStatement

SEARCHABLE = [
    Searchable(
        label=_("Press statements"),
        queryset=lambda: PressStatement.objects.published(),
        title_field="headline",
        text_fields=("headline", "sub_headline", "lead", "body"),
        weight=10,
    ),
]
