"""One address per legal page and language: /de/impressum/ and /en/imprint/.

The kind is the part of the address, spelled in the active language by a path
converter, so `reverse("legal:detail", kwargs={"kind": "imprint"})` gives the address
in the language of the moment and the language switcher (`translate_url`) finds each
page's twin. Unlike translated URL patterns, the German addresses do not depend on the
message catalogues. A page's address in the other language (/de/imprint/) leads to
the right one (/de/impressum/), as does the sitemap's x-default address without a
language (/impressum/), which LocaleMiddleware sends to any visitor's language.
"""

from django.conf import settings
from django.urls import path, register_converter
from django.utils.translation import get_language

from .models import LegalPage
from .views import LegalPageDetailView

Kind = LegalPage.Kind

ADDRESSES = {
    "de": {
        Kind.IMPRINT: "impressum",
        Kind.PRIVACY: "datenschutz",
        Kind.ACCESSIBILITY: "barrierefreiheit",
    },
    "en": {
        Kind.IMPRINT: "imprint",
        Kind.PRIVACY: "privacy",
        Kind.ACCESSIBILITY: "accessibility",
    },
}


def addresses():
    """{kind: address} in the active language (German when none is active)."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return ADDRESSES.get(language, ADDRESSES[settings.LANGUAGE_CODE])


class LegalPageConverter:
    regex = "|".join(sorted({slug for slugs in ADDRESSES.values() for slug in slugs.values()}))

    def to_python(self, value):
        # Either language's address: the view redirects to the active language's.
        for slugs in ADDRESSES.values():
            for kind, slug in slugs.items():
                if slug == value:
                    return str(kind)
        raise ValueError(f"{value!r} is no legal page's address")

    def to_url(self, value):
        try:
            return addresses()[value]
        except KeyError:
            raise ValueError(f"{value!r} is no kind of legal page") from None


register_converter(LegalPageConverter, "legal_page")

app_name = "legal"

urlpatterns = [
    path("<legal_page:kind>/", LegalPageDetailView.as_view(), name="detail"),
]
