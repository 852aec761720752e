"""Content backups: the whole portal in one ZIP archive, and back.

An archive holds `manifest.json` (format, creation time, migration state, rows
per model, size and SHA-256 of every file), `data.json` (Django's JSON
serialisation with natural keys) and `media/<name>` for every file a file or
image field refers to. ZIP rather than tar.gz: its members can be read in any
order without unpacking the rest, so the manifest is checked before anything
else is read, and members can be written as streams of unknown length.

`manage.py export_content` and `manage.py import_content` are thin shells
around `export_archive()` and `import_archive()`.
"""

import datetime
import hashlib
import json
import os
import tempfile
import time
import zipfile
import zlib
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, SuspiciousFileOperation
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    connections,
    models,
    router,
    transaction,
)
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..uploads.maintenance import refresh_all_images

FORMAT = "alliance-portal-content"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_NAME = "data.json"
MEDIA_PREFIX = "media/"
CHUNK_SIZE = 1024 * 1024

# What the archive leaves out. A list of exclusions, not of inclusions, so that
# an app installed later (django-reversion's history, image renditions…) is
# backed up without anyone having to remember this file.
EXCLUDED = (
    # `migrate` creates content types and permissions in every database, with
    # ids of its own; the data refers to them by natural key instead.
    "contenttypes",
    "auth.permission",
    # Logins of this server: restoring them would log people back in.
    "sessions",
    # The admin's log of who clicked what on this server; the content's
    # history for undo is kept by its own app, which is backed up.
    "admin.logentry",
    # django-axes' failed-login records and lock-outs belong to this server.
    "axes",
)
# Loaded by natural key, so they merge with rows of the same name in the
# target: migrations create the role groups, and an admin account may exist.
MERGED_BY_NATURAL_KEY = ("auth.group", "auth.user")


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why and what to do."""


@dataclass
class ImportReport:
    counts: dict = field(default_factory=dict)
    files_written: int = 0
    files_present: int = 0
    missing_files: list = field(default_factory=list)


# --- What is backed up ------------------------------------------------------


def exported_models(using=DEFAULT_DB_ALIAS):
    """Every model whose rows go into the archive, in an order that loads.

    Models with natural keys come before the models that refer to them, as
    `dumpdata --natural-foreign` orders them.
    """
    app_list = defaultdict(list)
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED:
            continue
        if meta.proxy or not meta.managed or not router.allow_migrate_model(using, model):
            continue
        app_list[apps.get_app_config(meta.app_label)].append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def model_label(model):
    return model._meta.label_lower


def counted(model, count):
    """ "1 alliance", "4 alliances": a count with the model's name in the active language."""
    meta = model._meta
    return f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"


def row_counts(model_list, using=DEFAULT_DB_ALIAS):
    return {model_label(model): model._base_manager.using(using).count() for model in model_list}


def file_fields(model):
    """The model's file and image fields, translated copies included."""
    found = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    for file_field in found:
        if file_field.storage is not default_storage:
            # Import writes through the default storage; a field elsewhere
            # would be restored to the wrong place, so say so now.
            raise BackupError(
                _(
                    "%(field)s stores its files outside the default storage, which "
                    "backups do not cover yet."
                )
                % {"field": f"{model._meta.label}.{file_field.name}"}
            )
    return found


def referenced_files(model_list, using=DEFAULT_DB_ALIAS):
    """The storage names of all files that rows of `model_list` refer to, sorted."""
    names = set()
    for model in model_list:
        for file_field in file_fields(model):
            # The stored column, not the attribute: modeltranslation's
            # descriptors would answer in the active language.
            names.update(
                model._base_manager.using(using)
                .exclude(**{f"{file_field.attname}__isnull": True})
                .exclude(**{file_field.attname: ""})
                .values_list(file_field.attname, flat=True)
            )
    return sorted(names)


def migration_state(using=DEFAULT_DB_ALIAS):
    """The applied migrations per app, as this code's migration graph sees them.

    Reading them through the graph, not the raw table, makes a squashed
    migration and the migrations it replaced count as the same state.
    """
    loader = MigrationLoader(connections[using])
    state = defaultdict(list)
    for app_label, name in sorted(loader.applied_migrations):
        if (app_label, name) in loader.graph.nodes:
            state[app_label].append(name)
    return dict(state)


# --- Export -------------------------------------------------------------------


@contextmanager
def consistent_snapshot(using):
    """Let every query of the export see the database at one moment, as pg_dump does.

    Staff may keep editing during a backup; without this, the data and the
    list of files could come from two different moments.
    """
    connection = connections[using]
    outermost = not connection.in_atomic_block
    connection.ensure_connection()
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        # SQLite: a transaction's reads already share one snapshot.
        yield


def export_archive(path, *, using=DEFAULT_DB_ALIAS):
    """Write the whole content into a new ZIP archive at `path`; return its manifest.

    The archive is written next to `path` and renamed when complete, so a
    failed export never leaves a half archive under the expected name.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(_("There is no folder %(path)s.") % {"path": path.parent})
    if path.exists():
        raise BackupError(
            _("%(path)s exists already: choose another name or remove it first.") % {"path": path}
        )
    partial = path.with_name(f"{path.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            model_list = exported_models(using)
            with consistent_snapshot(using):
                counts = row_counts(model_list, using)
                file_names = referenced_files(model_list, using)
                migrations = migration_state(using)
                data = write_data(archive, model_list, using)
            # Outside the transaction: files take long to copy, and SQLite
            # writers would wait for a reader that long. Uploaded files are
            # never overwritten in place, so the names stay true.
            files, missing = [], []
            for name in file_names:
                if default_storage.exists(name):
                    files.append(write_media_file(archive, name))
                else:
                    missing.append(name)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": timezone.now().isoformat(),
                "django_version": django.get_version(),
                "database_vendor": connections[using].vendor,
                "migrations": migrations,
                "counts": counts,
                "data": data,
                "files": files,
                "missing_files": missing,
            }
            archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=1, ensure_ascii=False))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def new_member(name, *, compress):
    """An archive member dated now (zipfile would date a bare name 1980)."""
    member = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    member.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    return member


class HashingWriter:
    """Passes writes on to `stream` while counting bytes and computing SHA-256."""

    def __init__(self, stream):
        self.stream = stream
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, chunk):
        self.sha256.update(chunk)
        self.size += len(chunk)
        return self.stream.write(chunk)

    def entry(self, name):
        return {"name": name, "size": self.size, "sha256": self.sha256.hexdigest()}


def write_data(archive, model_list, using):
    """Serialise every row of `model_list` into the archive as one JSON document, streamed."""

    def rows():
        for model in model_list:
            queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
            yield from queryset.iterator()

    # force_zip64: the size is not known in advance and may pass 2 GiB.
    with archive.open(new_member(DATA_NAME, compress=True), "w", force_zip64=True) as member:
        writer = HashingWriter(member)
        text = TextWriter(writer)
        # The untranslated attribute of a translated field is written in the
        # default language, so that import reads it back the same way.
        with translation.override(settings.LANGUAGE_CODE):
            serializers.serialize(
                "json",
                rows(),
                stream=text,
                indent=1,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
                cls=ExactJSONEncoder,
            )
    return writer.entry(DATA_NAME)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds.

    DjangoJSONEncoder cuts them to milliseconds (the ECMAScript date format);
    a restore should give back exactly what was stored.
    """

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class TextWriter:
    """The text stream the serialiser expects, encoding to UTF-8 whatever the locale."""

    def __init__(self, binary):
        self.binary = binary

    def write(self, text):
        return self.binary.write(text.encode("utf-8"))


def write_media_file(archive, name):
    """Copy one stored file into the archive in chunks; return its manifest entry."""
    with (
        default_storage.open(name, "rb") as source,
        # Stored as they are: images and PDFs are compressed already, and
        # deflating them again costs much time for a few per cent.
        archive.open(
            new_member(MEDIA_PREFIX + name, compress=False), "w", force_zip64=True
        ) as member,
    ):
        writer = HashingWriter(member)
        while chunk := source.read(CHUNK_SIZE):
            writer.write(chunk)
    return writer.entry(name)


# --- Import -------------------------------------------------------------------


def import_archive(path, *, using=DEFAULT_DB_ALIAS):
    """Restore an archive into an empty database and storage; return what was restored.

    Nothing is written until the whole archive has been checked. The data is
    loaded in one transaction; files written before a failure are removed.
    """
    if not Path(path).is_file():
        raise BackupError(_("There is no file %(path)s.") % {"path": path})
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = read_manifest(archive)
            check_migration_state(manifest, using)
            check_database_is_empty(using)
            verify_members(archive, manifest)
            files_to_write, files_present = files_to_restore(archive, manifest)
            written = []
            try:
                with transaction.atomic(using=using):
                    load_data(archive, using)
                    counts = check_counts(manifest, using)
                    for entry in files_to_write:
                        written.append(restore_file(archive, entry))
            except BaseException:
                for name in written:
                    default_storage.delete(name)
                raise
        # Renditions are derived files and not in the archive: made again here.
        refresh_all_images()
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BackupError(
            _("%(path)s is damaged or not a ZIP archive (%(error)s). Nothing was changed.")
            % {"path": path, "error": error}
        ) from None
    except (DeserializationError, DatabaseError, ObjectDoesNotExist, LookupError) as error:
        raise BackupError(
            _("The data could not be loaded (%(error)s). Nothing was changed.") % {"error": error}
        ) from None
    except OSError as error:
        raise BackupError(
            _(
                "Reading the archive or writing a media file failed (%(error)s). "
                "Nothing was changed."
            )
            % {"error": error}
        ) from None
    return ImportReport(
        counts=counts,
        files_written=len(written),
        files_present=files_present,
        missing_files=manifest.get("missing_files", []),
    )


def read_manifest(archive):
    try:
        manifest = json.loads(archive.read(MANIFEST_NAME))
    except (KeyError, ValueError):
        raise BackupError(
            _("This is not a content backup: it has no readable %(name)s.")
            % {"name": MANIFEST_NAME}
        ) from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _(
                "This archive has the format %(found)s; this version of the portal "
                "reads %(expected)s only."
            )
            % {
                "found": f"{manifest.get('format')} {manifest.get('format_version')}",
                "expected": f"{FORMAT} {FORMAT_VERSION}",
            }
        )
    return manifest


def check_migration_state(manifest, using):
    """Refuse unless the database's tables are exactly those the archive was made from."""
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    current = {(app, name) for app, names in migration_state(using).items() for name in names}
    if archived == current:
        return
    known = MigrationLoader(None, ignore_no_migrations=True).graph.nodes

    def listed(keys):
        return ", ".join(f"{app}.{name}" for app, name in sorted(keys))

    unknown = {key for key in archived - current if key not in known}
    if unknown:
        raise BackupError(
            _(
                "The archive was made by a newer version of the portal: this version "
                "does not know its migrations %(migrations)s. Restore it with the "
                "version that made it."
            )
            % {"migrations": listed(unknown)}
        )
    if archived - current:
        raise BackupError(
            _(
                "The database lacks migrations the archive was made with (%(migrations)s). "
                "Run `manage.py migrate`, then import again."
            )
            % {"migrations": listed(archived - current)}
        )
    raise BackupError(
        _(
            "The archive was made before migrations %(migrations)s, which this database "
            "has. Restore it into a database migrated to the archive's state (`manage.py "
            "migrate <app> <migration>`), then run `manage.py migrate`."
        )
        % {"migrations": listed(current - archived)}
    )


def check_database_is_empty(using):
    """Refuse to mix a backup with existing content: ids and slugs would collide."""
    found = [
        counted(model, count)
        for model in exported_models(using)
        if model_label(model) not in MERGED_BY_NATURAL_KEY
        and (count := model._base_manager.using(using).count())
    ]
    if found:
        raise BackupError(
            _(
                "The database already holds content (%(found)s). Import into an empty "
                "database: create a new one and run `manage.py migrate`, or empty this "
                "one with `manage.py flush`, which deletes everything."
            )
            % {"found": ", ".join(found)}
        )


def verify_members(archive, manifest):
    """Check the data's and every file's size and SHA-256 before anything is written."""
    members = [(DATA_NAME, manifest["data"])]
    members += [(MEDIA_PREFIX + entry["name"], entry) for entry in manifest["files"]]
    for member, entry in members:
        try:
            size, digest = measure(archive.open(member))
        except KeyError:
            raise BackupError(
                _("The archive is incomplete: %(name)s is missing. Nothing was changed.")
                % {"name": member}
            ) from None
        if (size, digest) != (entry["size"], entry["sha256"]):
            raise BackupError(
                _(
                    "%(name)s in the archive does not match its checksum: the archive is "
                    "damaged. Nothing was changed."
                )
                % {"name": member}
            )


def measure(stream):
    sha256, size = hashlib.sha256(), 0
    with stream:
        while chunk := stream.read(CHUNK_SIZE):
            sha256.update(chunk)
            size += len(chunk)
    return size, sha256.hexdigest()


def files_to_restore(archive, manifest):
    """The files to write, after checking no stored file would be replaced by another.

    A file already stored with the same content is kept (and counted); one of
    the same name but other content is a conflict, because storage would
    save the archive's file under a new name and the data would point at
    the old one.
    """
    to_write, present = [], 0
    for entry in manifest["files"]:
        name = entry["name"]
        try:
            validate_file_name(name, allow_relative_path=True)
            if PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts:
                raise SuspiciousFileOperation(name)
        except SuspiciousFileOperation:
            raise BackupError(
                _("The archive names a file outside the media storage: %(name)s.") % {"name": name}
            ) from None
        if not default_storage.exists(name):
            to_write.append(entry)
            continue
        with default_storage.open(name, "rb") as stored:
            if measure(stored) != (entry["size"], entry["sha256"]):
                raise BackupError(
                    _(
                        "The media storage already has a different file named %(name)s. "
                        "Restore into empty media storage; nothing was changed."
                    )
                    % {"name": name}
                )
        present += 1
    return to_write, present


def load_data(archive, using):
    """Load data.json with `loaddata`, which also checks foreign keys at the end
    and resets PostgreSQL's sequences so that new rows get fresh ids."""
    with tempfile.TemporaryDirectory(prefix="import-content-") as folder:
        data_path = Path(folder) / DATA_NAME
        with archive.open(DATA_NAME) as source, open(data_path, "wb") as target:
            while chunk := source.read(CHUNK_SIZE):
                target.write(chunk)
        with translation.override(settings.LANGUAGE_CODE):
            call_command("loaddata", str(data_path), database=using, verbosity=0)


def check_counts(manifest, using):
    """Compare the loaded rows with the manifest's counts; return the counts."""
    counts = {}
    for label, expected in manifest["counts"].items():
        model = apps.get_model(label)
        found = model._base_manager.using(using).count()
        # Groups and users may have been in the database already, merged by name.
        matches = found >= expected if label in MERGED_BY_NATURAL_KEY else found == expected
        if not matches:
            raise BackupError(
                _("%(label)s: the archive has %(expected)d rows, but %(found)d were loaded.")
                % {"label": label, "expected": expected, "found": found}
            )
        counts[label] = expected
    return counts


def restore_file(archive, entry):
    """Write one file through the default storage under its original name."""
    name = entry["name"]
    with archive.open(MEDIA_PREFIX + name) as source:
        stored = default_storage.save(name, File(source, name=name))
    if stored != name:
        default_storage.delete(stored)
        raise BackupError(
            _("The media storage saved %(name)s as %(stored)s; nothing was changed.")
            % {"name": name, "stored": stored}
        )
    return stored
