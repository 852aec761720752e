"""Open data: the read API under /api/v1/ and the full download of what is public.

- `api.py`: the NinjaAPI (django-ninja), its errors (a 400 with a JSON body naming the
  parameter), its response headers (language, Last-Modified) and its docs page;
- `parameters.py`: the parameters every list shares (`lang`, `cursor`, `limit`,
  `updated_since`), declared with types and bounds;
- `pagination.py`: cursor pagination on the list's own order (keyset: one query per
  page, however deep);
- `resources.py`: what each app publishes, found in `<app>/open_data.py` the way alerts find
  `alert_kinds.py`, so this package imports no app;
- `download.py`: every resource in both languages as JSON and CSV in one ZIP, made
  once per content version.

Every resource is built on the app's public queryset (`published()`): a draft,
embargoed or unpublished item is a 404 here as on its page.
"""
