"""`export_content` and `import_content`: a portal restored completely, or not at all.

Real archives on disk, real files in the media folder, a real flush of the
database in between; pages and PDFs are compared as a visitor gets them.
"""

import hashlib
import io
import json
import re
import shutil
import tracemalloc
import zipfile
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone, translation
from pypdf import PdfReader
from reversion.models import Version

from alliance_portal.models import Alliance
from alliance_portal.ops.backups import MERGED_BY_NATURAL_KEY, exported_models, migration_state
from alliance_portal.ops.demo import logo_png
from alliance_portal.publishing.roles import EDITOR, PUBLISHER
from news.models import NewsItem
from statements.models import Attachment, PressStatement, PreviewLink
from statements.pdf import render_statement_pdf
from tests.factories import make_alliance

pytestmark = pytest.mark.django_db

ALLIANCE = "deutsche-aluminium-allianz"
PDF_TITLE_EN = "Fact sheet: aluminium in North Rhine-Westphalia"
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def portal(demo_content, media_root):
    """The demo content plus uploads of every kind, a user and a group."""
    alliance = Alliance.objects.get(slug=ALLIANCE)
    alliance.hero_image.save("hero.png", ContentFile(logo_png("DAA", "hero")), save=False)
    alliance.hero_image_alt_de = "Eine Aluminiumhütte"
    alliance.hero_image_alt_en = "An aluminium smelter"
    alliance.founding_document_file.save(
        "erklaerung.txt", ContentFile("Gemeinsame Erklärung".encode()), save=False
    )
    alliance.save()
    news = NewsItem.objects.first()
    news.image.save("news.png", ContentFile(logo_png("N", "news")), save=False)
    news.image_alt_de = "Bild zur Meldung"
    news.save()
    statement = PressStatement.objects.get()
    Attachment.objects.create(
        statement=statement,
        file=ContentFile(render_statement_pdf(statement), name="factsheet.pdf"),
        title_de="Faktenblatt: Aluminium in Nordrhein-Westfalen",
        title_en=PDF_TITLE_EN,
        credit_de="Aluminiumbündnis NRW",
        licence="frei für die Presse",
    )
    editors = Group.objects.create(name="Redaktion")
    editors.permissions.set(
        Permission.objects.filter(codename__in=["change_alliance", "add_pressstatement"])
    )
    editor = User.objects.create_user("redakteurin", "r@example.org", "ein langes Passwort 7")
    # The role group made by the roles migration, and one made by staff.
    editor.groups.add(Group.objects.get(name=EDITOR), editors)
    with reversion.create_revision():
        alliance.save()
        reversion.set_user(editor)
        reversion.set_comment("Titelbild ergänzt")
    PreviewLink.objects.create(
        statement=statement,
        recipient="Rheinische Post",
        expires_at=timezone.now() + timedelta(days=2),
        created_by=editor,
    )
    return statement


def export(path):
    output = StringIO()
    with translation.override("en"):
        call_command("export_content", str(path), stdout=output, stderr=output)
    return output.getvalue()


def import_(path):
    output = StringIO()
    with translation.override("en"):
        call_command("import_content", str(path), stdout=output, stderr=output)
    return output.getvalue()


def refused(path):
    with translation.override("en"), pytest.raises(CommandError) as refusal:
        call_command("import_content", str(path), stdout=StringIO())
    return str(refusal.value)


@pytest.fixture(autouse=True)
def content_type_cache_cleared():
    """A flush inside a test makes content types anew, with new ids, and the test's
    rollback brings the old rows back: the cache of ids must not outlive the test
    (django-reversion and the review of changes look content types up by id)."""
    yield
    ContentType.objects.clear_cache()


def flush_database():
    # Inside the test's transaction PostgreSQL refuses to TRUNCATE tables with
    # foreign-key checks still pending; run them now.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


def empty_portal(media_root):
    """What a new server has: a migrated, empty database and no uploads."""
    flush_database()
    shutil.rmtree(media_root, ignore_errors=True)
    Path(media_root).mkdir()
    cache.clear()


def media_checksums(media_root):
    return {
        str(path.relative_to(media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(media_root).rglob("*"))
        if path.is_file()
    }


@translation.override("de")
def content_rows():
    """Every stored value of every backed-up model, translations included.

    Read in German: modeltranslation answers for an untranslated field name
    in the active language. Users, groups and content types get new ids in
    another database, so they, and references to them, are compared by name.
    """
    rows = {}
    for model in exported_models():
        label = model._meta.label_lower
        if label in MERGED_BY_NATURAL_KEY:
            continue
        by_name = [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and hasattr(f.related_model, "natural_key")
        ]
        table = []
        for obj in model._base_manager.order_by("pk"):
            values = model._base_manager.filter(pk=obj.pk).values().get()
            for field in by_name:
                related = getattr(obj, field.name)
                values[field.attname] = related and related.natural_key()
            for m2m in model._meta.many_to_many:
                values[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
            table.append(values)
        rows[label] = table
    return rows


def accounts():
    return {
        "users": {
            user.username: (
                user.email,
                user.password,
                user.is_staff,
                sorted(user.groups.values_list("name", flat=True)),
            )
            for user in User.objects.all()
        },
        "groups": {
            group.name: sorted(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.all()
        },
    }


@translation.override("de")  # the client's requests switch the language
def public_views(statement):
    """The pages and PDFs a visitor gets, minus the per-response CSRF token."""
    client = Client()
    cache.clear()
    pages = {}
    for url in [
        f"/de/alliances/{ALLIANCE}/",
        f"/en/alliances/{ALLIANCE}/",
        f"/en/press/{statement.slug}/",
        "/de/organisations/ig-metall/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = CSRF_TOKEN.sub("", response.content.decode())
    for language in ("de", "en"):
        url = f"/{language}/press/{statement.slug}/pdf/"
        response = client.get(url)
        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(response.content))
        pages[url] = [page.extract_text() for page in reader.pages]
    return pages


def test_backup_round_trip_restores_the_whole_portal(portal, media_root, tmp_path):
    rows, people = content_rows(), accounts()
    files, views = media_checksums(media_root), public_views(portal)
    archive = tmp_path / "backup.zip"
    assert "Exported" in export(archive)

    empty_portal(media_root)
    assert Alliance.objects.count() == 0 and media_checksums(media_root) == {}
    # On a new database the roles migrations have made the role groups.
    Group.objects.create(name=EDITOR)
    Group.objects.create(name=PUBLISHER)

    output = import_(archive)

    assert "  4 alliances (alliance_portal.alliance)\n" in output
    assert "  1 attachment (statements.attachment)\n" in output
    assert content_rows() == rows
    assert {label: len(table) for label, table in content_rows().items()} == {
        label: len(table) for label, table in rows.items()
    }
    assert accounts() == people  # the role groups got their permissions back
    assert Group.objects.count() == len(people["groups"]) == 3  # merged, not doubled
    assert media_checksums(media_root) == files
    # Demo logos, hero, founding document, news image, PDF; and the renditions,
    # which the import made again, byte for byte the same.
    originals = [name for name in files if not name.startswith("renditions/")]
    assert len(originals) == 18 + 4
    assert len(files) > len(originals)
    assert public_views(portal) == views
    # A sample read as the site reads it, in both languages.
    alliance = Alliance.objects.get(slug=ALLIANCE)
    with translation.override("en"):
        assert alliance.name == "German Aluminium Alliance"
        assert alliance.hero_image_alt == "An aluminium smelter"
        assert Attachment.objects.get().title == PDF_TITLE_EN
    assert alliance.hero_image.open("rb").read() == logo_png("DAA", "hero")
    assert User.objects.get(username="redakteurin").check_password("ein langes Passwort 7")
    # The history came along: who changed what, ready to be restored.
    version = Version.objects.get_for_object(alliance).get()
    assert version.revision.user.username == "redakteurin"
    assert version.revision.comment == "Titelbild ergänzt"
    assert version.field_dict["hero_image_alt_en"] == "An aluminium smelter"
    # New rows get new ids (PostgreSQL's sequences were reset after the load).
    assert make_alliance().pk > max(row["id"] for row in rows["alliance_portal.alliance"])


def test_restore_after_flush_on_the_same_server_keeps_identical_files(portal, media_root, tmp_path):
    archive = tmp_path / "backup.zip"
    export(archive)
    rows, files = content_rows(), media_checksums(media_root)
    flush_database()

    output = import_(archive)

    rows_in_archive = sum(read_manifest(archive)["counts"].values())
    assert f"Imported {rows_in_archive} rows and 0 files (22 were stored already)." in output
    assert content_rows() == rows
    assert media_checksums(media_root) == files


def test_manifest_lists_migrations_counts_and_file_checksums(portal, media_root, tmp_path):
    archive = tmp_path / "backup.zip"
    before = timezone.now()
    export(archive)

    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        data = zipped.read("data.json")
        members = set(zipped.namelist())

    assert manifest["format"] == "alliance-portal-content"
    assert manifest["format_version"] == 1
    assert before <= datetime.fromisoformat(manifest["created_at"]) <= timezone.now()
    assert manifest["migrations"] == migration_state()
    assert manifest["migrations"]["statements"][-1] == (
        MigrationRecorder.Migration.objects.filter(app="statements").latest("id").name
    )
    assert manifest["counts"]["alliance_portal.alliance"] == 4
    assert manifest["counts"]["statements.attachment"] == 1
    assert manifest["counts"]["auth.user"] == 1
    assert manifest["data"] == {
        "name": "data.json",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    # Renditions are derived and made again on import: the archive leaves them out.
    on_disk = {
        name: sha
        for name, sha in media_checksums(media_root).items()
        if not name.startswith("renditions/")
    }
    assert {entry["name"]: entry["sha256"] for entry in manifest["files"]} == on_disk
    for entry in manifest["files"]:
        assert entry["size"] == (Path(media_root) / entry["name"]).stat().st_size
    assert members == {"manifest.json", "data.json", *(f"media/{name}" for name in on_disk)}
    # What `migrate` creates and what belongs to this server stays out.
    models = {row["model"] for row in json.loads(data)}
    assert {"auth.user", "auth.group", "statements.previewlink"} <= models
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    # Users and groups travel by name, so they fit into another database.
    group = next(row for row in json.loads(data) if row["model"] == "auth.group")
    assert "pk" not in group
    assert ["add_pressstatement", "statements", "pressstatement"] in group["fields"]["permissions"]


def test_export_refuses_to_overwrite_an_archive(db, tmp_path):
    archive = tmp_path / "backup.zip"
    archive.write_bytes(b"last week's backup")
    with translation.override("en"), pytest.raises(CommandError, match="exists already"):
        call_command("export_content", str(archive))
    assert archive.read_bytes() == b"last week's backup"


def test_export_reports_files_missing_from_storage(db, media_root, tmp_path):
    alliance = make_alliance()
    alliance.logo.save("gone.png", ContentFile(logo_png("G", "gone")))
    Path(alliance.logo.path).unlink()

    output = export(tmp_path / "backup.zip")

    assert "Missing from the media storage, so not in the archive: alliances/logos/gone" in output
    with zipfile.ZipFile(tmp_path / "backup.zip") as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
    assert manifest["missing_files"] == [alliance.logo.name]
    assert manifest["files"] == []


def test_import_into_a_portal_with_content_is_refused_and_changes_nothing(
    portal, media_root, tmp_path
):
    archive = tmp_path / "backup.zip"
    export(archive)
    rows, files = content_rows(), media_checksums(media_root)

    message = refused(archive)

    assert message.startswith("The database already holds content (1 revision, ")
    assert ", 4 alliances, " in message and ", 1 attachment, " in message
    assert "manage.py flush" in message
    assert content_rows() == rows
    assert media_checksums(media_root) == files


def rewrite(archive, *, manifest=None, members=None):
    """Write `archive` again with a changed manifest or changed members."""
    with zipfile.ZipFile(archive) as zipped:
        contents = {name: zipped.read(name) for name in zipped.namelist()}
    if manifest is not None:
        contents["manifest.json"] = json.dumps(manifest).encode()
    contents.update(members or {})
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, content in contents.items():
            zipped.writestr(name, content)


def read_manifest(archive):
    with zipfile.ZipFile(archive) as zipped:
        return json.loads(zipped.read("manifest.json"))


def test_archive_with_a_bad_checksum_is_refused_and_leaves_nothing_behind(
    portal, media_root, tmp_path
):
    archive = tmp_path / "backup.zip"
    export(archive)
    attachment = f"media/{Attachment.objects.get().file.name}"
    rewrite(archive, members={attachment: b"%PDF-1.4 not the press release"})
    empty_portal(media_root)

    message = refused(archive)

    assert f"{attachment} in the archive does not match its checksum" in message
    assert Alliance.objects.count() == 0
    assert User.objects.count() == 0
    assert media_checksums(media_root) == {}


def test_damaged_zip_is_refused_and_leaves_nothing_behind(portal, media_root, tmp_path):
    archive = tmp_path / "backup.zip"
    export(archive)
    damaged = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zipped:
        logo = zipped.getinfo(f"media/{Alliance.objects.get(slug=ALLIANCE).logo.name}")
    # Flip bytes inside the logo's compressed data: its CRC no longer matches.
    middle = logo.header_offset + 30 + len(logo.filename) + logo.compress_size // 2
    damaged[middle : middle + 8] = bytes(b ^ 0xFF for b in damaged[middle : middle + 8])
    archive.write_bytes(bytes(damaged))
    empty_portal(media_root)

    message = refused(archive)

    assert "is damaged or not a ZIP archive" in message
    assert Alliance.objects.count() == 0
    assert media_checksums(media_root) == {}


def test_failure_while_writing_files_rolls_back_data_and_removes_written_files(
    portal, media_root, tmp_path
):
    archive = tmp_path / "backup.zip"
    export(archive)
    empty_portal(media_root)
    # A plain file where the attachments folder must go: every file before
    # it is written, then writing the attachment fails.
    (Path(media_root) / "statements").write_text("in the way")

    message = refused(archive)

    assert "writing a media file failed" in message
    assert Alliance.objects.count() == 0
    assert media_checksums(media_root) == {"statements": hashlib.sha256(b"in the way").hexdigest()}


def test_different_file_of_the_same_name_in_storage_is_refused(portal, media_root, tmp_path):
    archive = tmp_path / "backup.zip"
    export(archive)
    empty_portal(media_root)
    logo = Path(media_root) / "alliances/logos/deutsche-aluminium-allianz-logo-v2.png"
    logo.parent.mkdir(parents=True)
    logo.write_bytes(b"another logo")

    message = refused(archive)

    assert "already has a different file named alliances/logos/deutsche-aluminium-a" in message
    assert Alliance.objects.count() == 0
    assert logo.read_bytes() == b"another logo"
    assert len(media_checksums(media_root)) == 1


def test_archive_of_another_format_is_refused(db, tmp_path):
    archive = tmp_path / "backup.zip"
    export(archive)
    rewrite(archive, manifest={**read_manifest(archive), "format_version": 2})

    assert "reads alliance-portal-content 1 only" in refused(archive)
    assert "There is no file" in refused(tmp_path / "elsewhere.zip")
    (tmp_path / "notes.zip").write_text("not a zip")
    assert "is damaged or not a ZIP archive" in refused(tmp_path / "notes.zip")


def test_archive_of_another_migration_state_is_refused_with_what_to_do(db, tmp_path):
    archive = tmp_path / "backup.zip"
    export(archive)
    manifest = read_manifest(archive)
    latest = manifest["migrations"]["statements"][-1]

    # The database is behind the archive: migrate.
    MigrationRecorder(connection).record_unapplied("statements", latest)
    message = refused(archive)
    assert f"lacks migrations the archive was made with (statements.{latest})" in message
    assert "Run `manage.py migrate`" in message
    MigrationRecorder(connection).record_applied("statements", latest)

    # The archive comes from newer code.
    newer = {**manifest["migrations"], "news": [*manifest["migrations"]["news"], "0099_future"]}
    rewrite(archive, manifest={**manifest, "migrations": newer})
    assert "made by a newer version of the portal" in refused(archive)

    # The archive comes from older code.
    older = {**manifest["migrations"], "statements": manifest["migrations"]["statements"][:-1]}
    rewrite(archive, manifest={**manifest, "migrations": older})
    message = refused(archive)
    assert f"made before migrations statements.{latest}" in message
    assert Alliance.objects.count() == 0


def test_large_files_are_streamed_not_held_in_memory(db, media_root, tmp_path):
    size = 24 * 1024 * 1024
    alliance = make_alliance()
    alliance.founding_document_file.save("big.bin", ContentFile(b"\0"))
    with open(alliance.founding_document_file.path, "wb") as big:
        for _ in range(size // (1024 * 1024)):
            big.write(bytes(range(256)) * 4096)
    checksums = media_checksums(media_root)
    archive = tmp_path / "backup.zip"

    tracemalloc.start()
    try:
        export(archive)
        export_peak = tracemalloc.get_traced_memory()[1]
        empty_portal(media_root)
        tracemalloc.reset_peak()
        import_(archive)
        import_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert media_checksums(media_root) == checksums
    # A few chunks of one megabyte, never the whole 24 MB file.
    assert export_peak < size / 4, export_peak
    assert import_peak < size / 4, import_peak


def test_a_pending_change_survives_a_backup_and_is_approved_after_it(portal, media_root, tmp_path):
    from django.http import HttpResponseRedirect

    from alliance_portal.publishing import review
    from alliance_portal.publishing.models import PendingChange

    statement = PressStatement.objects.get()
    editor = User.objects.get(username="redakteurin")

    def save():  # what the admin's save would do, inside the review's transaction
        PressStatement.objects.filter(pk=statement.pk).update(headline_de="Nach der Sicherung")
        return HttpResponseRedirect("/")

    review.capture_change(statement, editor, save)
    archive = tmp_path / "backup.zip"
    export(archive)
    empty_portal(media_root)
    Group.objects.create(name=EDITOR)
    Group.objects.create(name=PUBLISHER)
    import_(archive)

    restored = PressStatement.objects.get()
    assert restored.headline_de != "Nach der Sicherung"
    change = PendingChange.objects.open().get()
    review.approve(change, User.objects.get(username="redakteurin"))
    assert PressStatement.objects.get().headline_de == "Nach der Sicherung"
