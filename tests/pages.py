"""The public pages that the accessibility and HTML checks visit, with the demo content."""

PUBLIC_PAGES = [
    "/de/",
    "/en/",
    "/de/alliances/",
    "/de/alliances/deutsche-aluminium-allianz/",
    "/en/alliances/uk-aluminium-alliance/",
    "/de/alliances/thementisch-metall/",
    "/de/organisations/",
    "/de/organisations/ig-metall/",
    "/de/news/",
    "/de/news/alfed-gruendet-uk-aluminium-alliance/",
    "/en/news/articles/aluminium-als-klimaneutraler-energietraeger/",
    "/de/press/",
    "/de/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/",
    "/en/search/?q=aluminium",
    "/de/search/?q=a",
    "/de/impressum/",
    "/en/privacy/",
    "/de/barrierefreiheit/",
    "/en/accessibility/",
    "/de/alerts/",
    "/en/alerts/",
    "/de/api/",
    "/en/api/",
]


# Every kind of page the design covers, as (name, path, status) in one language: the
# browser tests take screenshots of these in both languages and colour schemes
# (tests/e2e/test_design.py), and the HTML check reads them in both languages.
LEGAL_PATHS = {
    "de": {"imprint": "/de/impressum/", "privacy": "/de/datenschutz/"},
    "en": {"imprint": "/en/imprint/", "privacy": "/en/privacy/"},
}


def design_pages(language):
    prefix = f"/{language}"
    return [
        ("home", f"{prefix}/", 200),
        ("alliance", f"{prefix}/alliances/deutsche-aluminium-allianz/", 200),
        ("organisation", f"{prefix}/organisations/aluminium-deutschland/", 200),
        ("statement", f"{prefix}/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/", 200),
        ("article", f"{prefix}/news/articles/aluminium-als-klimaneutraler-energietraeger/", 200),
        ("search", f"{prefix}/search/?q=aluminium", 200),
        ("legal-imprint", LEGAL_PATHS[language]["imprint"], 200),
        ("not-found", f"{prefix}/gibt-es-nicht/", 404),
    ]


def other_pages(language):
    """The list pages, a news item and the other legal pages."""
    prefix = f"/{language}"
    return [
        ("alliance-list", f"{prefix}/alliances/", 200),
        ("organisation-list", f"{prefix}/organisations/", 200),
        ("news-list", f"{prefix}/news/", 200),
        ("news-item", f"{prefix}/news/alfed-gruendet-uk-aluminium-alliance/", 200),
        ("press-list", f"{prefix}/press/", 200),
        ("legal-privacy", LEGAL_PATHS[language]["privacy"], 200),
        ("alerts", f"{prefix}/alerts/", 200),
        ("api-docs", f"{prefix}/api/", 200),
        (
            "legal-accessibility",
            "/de/barrierefreiheit/" if language == "de" else "/en/accessibility/",
            200,
        ),
    ]
