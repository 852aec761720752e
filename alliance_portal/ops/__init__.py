"""Tooling that never serves a request: backups, the demo content's machinery, load data.

- `backups`: `export_content` / `import_content` archives of content and media.
- `demo`: idempotent writes and generated logos for each app's `demo_content.py`.
- `load_data`, `load_texts`: made-up content at scale for `make bench` and query tests.

These modules reach models by name (`apps.get_model`), never by importing an app.
"""
