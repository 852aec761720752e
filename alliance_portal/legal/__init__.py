"""The legal pages a German public site must have: Impressum (§ 5 DDG), privacy notice
(Art. 13 GDPR) and accessibility statement (BITV 2.0), kept as content.

- `models`: `LegalPage`, one per kind, with its date of last review; the
  accessibility statement also names where to report a barrier.
- `urls`, `views`: one address per kind and language (/de/impressum/, /en/imprint/…).
- `admin`, `translation`: edited in the admin, German and English.
- `sitemaps`: both languages of every page.
- `demo_content`: the three pages as templates to complete.

The alliance app imports these modules (its models, admin, translation, sitemaps and
demo content), so the model lives in the `alliance_portal` app and its migrations.
"""
