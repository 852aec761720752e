"""The copy of the demo content that most tests start from (tests/demo_snapshot.py) is
what `load_demo_content` writes: the same rows and the same files."""

from pathlib import Path

from django.db import connection, models

from tests.demo_snapshot import load_demo_content, quoted


def varies(field):
    """Whether a field's value differs between two runs of the command: ids and what
    refers to them (numbered afresh each time), and the moments rows were saved or
    first published (stamped by the models, not given by the demo content)."""
    return (
        field.primary_key
        or field.is_relation
        or field.name == "object_id"  # an item's id, as published slugs keep it
        or (isinstance(field, models.DateTimeField) and not field.editable)
    )


def contents(snapshot):
    """Each demo table's rows without what varies between runs, in a comparable order."""
    found = {}
    with connection.cursor() as cursor:
        for table, (_model, fields, _count) in snapshot.tables.items():
            kept = [field for field in fields if not varies(field)]
            columns = ", ".join(quoted(field.column) for field in kept) or "1"
            cursor.execute(f"SELECT {columns} FROM {quoted(table)}")
            found[table] = sorted(map(repr, cursor.fetchall()))
    return found


def files(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


def test_the_copy_holds_the_rows_and_files_the_command_writes(
    db, demo_snapshot, load_demo, settings, tmp_path
):
    assert demo_snapshot is not None, "the command wrote more than rows in empty tables"
    assert demo_snapshot.applies()
    output = load_demo()
    copied, copied_files = contents(demo_snapshot), files(settings.MEDIA_ROOT)
    assert not demo_snapshot.applies()  # a second copy would double the rows

    with connection.cursor() as cursor:
        for table in demo_snapshot.tables:
            cursor.execute(f"DELETE FROM {quoted(table)}")
    settings.MEDIA_ROOT = tmp_path / "loaded"
    assert load_demo_content() == output

    assert contents(demo_snapshot) == copied
    assert sum(map(len, copied.values())) > 100
    assert files(settings.MEDIA_ROOT) == copied_files
    assert any(name.endswith(".png") for name in copied_files)


def test_after_a_flush_the_copy_refers_to_the_new_content_types(transactional_db, load_demo):
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    from alliance_portal.publishing.slugs import PublishedSlug

    kept_ids = set(ContentType.objects.values_list("pk", flat=True))
    # As after a transactional test: emptied, and the content types made again, with new ids.
    call_command("flush", interactive=False, reset_sequences=False)
    assert kept_ids.isdisjoint(ContentType.objects.values_list("pk", flat=True))

    load_demo()

    slugs = PublishedSlug.objects.select_related("content_type")
    assert slugs.count() > 10
    for recorded in slugs:
        item = recorded.content_type.get_object_for_this_type(pk=recorded.object_id)
        assert recorded.slug in {getattr(item, "slug", None), *slug_history(item)}


def slug_history(item):
    from alliance_portal.publishing.slugs import PublishedSlug

    return PublishedSlug.objects.filter(object_id=item.pk).values_list("slug", flat=True)
