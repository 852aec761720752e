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
]
