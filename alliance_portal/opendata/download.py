"""The full download: every resource of the API, in each language, as JSON and CSV in
one ZIP with a README and the licence.

It is made once per content version (the page cache's content generation, which
ends with any change and at every release or unpublish time) and kept in the media
storage under that version's token; later requests stream the stored file. While
the cache cannot be reached there is no version to name it by: it is then made for
the request and not kept.
"""

import csv
import io
import json
import tempfile
import time
import zipfile

from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation

from alliance_portal.publishing.cache_outage import guarded
from alliance_portal.publishing.page_cache import current_generation

from .resources import resources, use_site

FOLDER = "opendata"
FILENAME = "alliance-portal-open-data.zip"
# Files older than this, of earlier versions, are deleted when a new one is made
# (a download of the old one may still be running).
KEEP_OLD_SECONDS = 3600
BUILD_LOCK_SECONDS = 300


def response(request):
    site = request.build_absolute_uri("/")
    generation = current_generation()
    if generation is None:
        return file_response(build(site))
    name = f"{FOLDER}/open-data-{generation['token']}.zip"
    if not default_storage.exists(name):
        make_once(name, site)
    return file_response(default_storage.open(name))


def file_response(file):
    return FileResponse(file, as_attachment=True, filename=FILENAME, content_type="application/zip")


def make_once(name, site):
    """Make the version's file, unless another request is making it: then wait for it."""
    lock = f"opendata:building:{name}"
    coordination = caches["coordination"]
    if guarded(lambda: coordination.add(lock, 1, timeout=BUILD_LOCK_SECONDS), fallback=True):
        try:
            with build(site) as made:
                if not default_storage.exists(name):
                    default_storage.save(name, File(made))
            remove_old_versions(keep=name)
        finally:
            guarded(lambda: coordination.delete(lock))
        return
    deadline = time.monotonic() + BUILD_LOCK_SECONDS
    while not default_storage.exists(name) and time.monotonic() < deadline:
        time.sleep(0.2)


def remove_old_versions(keep):
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    now = timezone.now()
    for filename in files:
        path = f"{FOLDER}/{filename}"
        if path == keep or not filename.startswith("open-data-"):
            continue
        age = now - default_storage.get_modified_time(path)
        if age.total_seconds() > KEEP_OLD_SECONDS:
            default_storage.delete(path)


def build(site):
    """The ZIP, in a temporary file (rewound)."""
    made = tempfile.TemporaryFile()
    generated_at = timezone.now()
    use_site(site)
    counts = {}
    with zipfile.ZipFile(made, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for resource in resources():
                    items = [
                        resource.dump(item)
                        for item in resource.queryset()
                        .order_by(*resource.order.order_by())
                        .iterator(chunk_size=500)
                    ]
                    counts[resource.name] = len(items)
                    document = {
                        "language": language,
                        "generated_at": generated_at.isoformat(),
                        "licence": settings.OPEN_DATA_LICENCE,
                        "licence_url": settings.OPEN_DATA_LICENCE_URL,
                        "items": items,
                    }
                    archive.writestr(
                        f"{language}/{resource.name}.json",
                        json.dumps(document, ensure_ascii=False, indent=1),
                    )
                    for filename, text in csv_files(resource, items):
                        archive.writestr(f"{language}/{filename}", text)
        context = {
            "site": site.rstrip("/"),
            "generated_at": generated_at,
            "resources": [
                (resource, counts[resource.name], file_names(resource)) for resource in resources()
            ],
            "languages": settings.LANGUAGES,
            "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": settings.OPEN_DATA_LICENCE_URL,
        }
        with translation.override("en"):
            archive.writestr("README.md", render_to_string("opendata/README.md", context))
            archive.writestr("LICENCE.txt", render_to_string("opendata/LICENCE.txt", context))
    made.seek(0)
    return made


# --- CSV ----------------------------------------------------------------------


def table_file(resource, table):
    return f"{resource.name}-{table.replace('_', '-')}.csv"


def file_names(resource):
    names = [f"{resource.name}.json", f"{resource.name}.csv"]
    return names + [table_file(resource, table) for table in resource.csv_tables]


def csv_files(resource, items):
    """(filename, text) of the resource's CSV file and of its `csv_tables`
    (`statements-quotes.csv`), each row of those naming its item (`statement_id`)."""
    yield f"{resource.name}.csv", csv_text([flat(item, skip=resource.csv_tables) for item in items])
    for table in resource.csv_tables:
        rows = [
            {f"{resource.item_name}_id": item["id"], **flat(part)}
            for item in items
            for part in item.get(table) or ()
        ]
        yield table_file(resource, table), csv_text(rows)


def flat(data, prefix="", skip=()):
    """A row of a CSV file: nested objects as `parent.child` columns, lists of plain
    values joined by " | ", lists of objects as JSON."""
    row = {}
    for key, value in data.items():
        if key in skip:
            continue
        column = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flat(value, prefix=f"{column}."))
        elif isinstance(value, list):
            if all(not isinstance(v, (dict, list)) for v in value):
                row[column] = " | ".join("" if v is None else str(v) for v in value)
            else:
                row[column] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            row[column] = "true" if value else "false"  # as in the JSON
        else:
            row[column] = value
    return row


def csv_text(rows):
    columns = list(dict.fromkeys(column for row in rows for column in row))
    out = io.StringIO()
    # A byte-order mark lets spreadsheet programs read the umlauts right.
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
