"""The demo content, loaded once per test session and copied into each test that asks for it.

`manage.py load_demo_content` takes most of a second (it draws the logos, writes their
renditions and validates every row), and about 300 tests start from the demo content. So
the first of them runs the command, its rows are kept in tables of their own in the test
database (`demo_snapshot__<table>`: these outlive each test's rollback and the flush after
a transactional test) and its files in a folder of the session; every test then copies
them back, one INSERT … SELECT per table, in a few milliseconds.

The copy is only taken where the command would write exactly those rows: when every table
it fills is empty. Where a test wrote rows of its own there first, the command runs.
The command itself is tested by calling it (tests/alliance_portal/test_demo_content.py).
"""

import shutil
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings

from alliance_portal.publishing.page_cache import forget_generation

PREFIX = "demo_snapshot__"
CONTENT_TYPES = "django_content_type"


def load_demo_content():
    """Load the demo content as `make run` does; return the command's output."""
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    return output.getvalue()


def quoted(name):
    return connection.ops.quote_name(name)


def model_tables():
    """Each model table (many-to-many tables too) with its model."""
    return {
        model._meta.db_table: model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def row_counts(cursor, tables):
    return {table: count_rows(cursor, table) for table in tables}


def count_rows(cursor, table):
    cursor.execute(f"SELECT COUNT(*) FROM {quoted(table)}")
    return cursor.fetchone()[0]


class DemoSnapshot:
    """The rows and files `load_demo_content` writes into an empty database."""

    def __init__(self, media_root):
        self.media_root = media_root
        self.output = ""
        self.tables = {}  # table → (model, its fields, how many rows)

    def take(self):
        """Run the command once, keep what it wrote, and leave the database as it was.
        Returns None where the command did more than add rows to empty tables."""
        tables = model_tables()
        with override_settings(MEDIA_ROOT=self.media_root), transaction.atomic():
            with connection.cursor() as cursor:
                before = row_counts(cursor, tables)
            self.output = load_demo_content()
            with connection.cursor() as cursor:
                after = row_counts(cursor, tables)
                filled = [table for table in tables if after[table] != before[table]]
                if any(before[table] for table in filled) or not self._keep(cursor, filled):
                    transaction.set_rollback(True)
                    return None
        return self

    def _keep(self, cursor, filled):
        models = model_tables()
        for table in filled:
            model = models[table]
            # Django's fields only: PostgreSQL computes the search vectors itself.
            fields = model._meta.concrete_fields
            for field in fields:
                target = field.related_model._meta.db_table if field.is_relation else None
                if target and target not in filled and target != CONTENT_TYPES:
                    return False  # a row from outside we could not find again
            columns = [field.column for field in fields]
            cursor.execute(
                f"CREATE TABLE {quoted(PREFIX + table)} AS "
                f"SELECT {', '.join(map(quoted, columns))} FROM {quoted(table)}"
            )
            self.tables[table] = (model, fields, count_rows(cursor, table))
        # Content types are made again, with new ids, after each transactional test:
        # rows that refer to one find it again by its app and model.
        cursor.execute(
            f"CREATE TABLE {quoted(PREFIX + CONTENT_TYPES)} AS "
            f"SELECT id, app_label, model FROM {quoted(CONTENT_TYPES)}"
        )
        for table in filled:
            cursor.execute(f"DELETE FROM {quoted(table)}")
        return True

    def applies(self):
        """Whether the command would write exactly the kept rows now: its tables are empty."""
        with connection.cursor() as cursor:
            for table in self.tables:
                cursor.execute(f"SELECT 1 FROM {quoted(table)} LIMIT 1")
                if cursor.fetchone():
                    return False
        return True

    def restore(self, media_root):
        """Copy the kept rows and files back; returns the command's output."""
        with transaction.atomic(), connection.cursor() as cursor:
            for table, (_model, fields, count) in self.tables.items():
                columns = ", ".join(quoted(field.column) for field in fields)
                values = ", ".join(self._value(field) for field in fields)
                cursor.execute(
                    f"INSERT INTO {quoted(table)} ({columns}) "
                    f"SELECT {values} FROM {quoted(PREFIX + table)} snapshot"
                )
                copied = count_rows(cursor, table)
                assert copied == count, f"{table}: {copied} of {count} demo rows copied back"
            models = [model for model, _fields, _count in self.tables.values()]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        forget_generation()  # as the command's saves do
        shutil.copytree(self.media_root, media_root, dirs_exist_ok=True)
        return self.output

    @staticmethod
    def _value(field):
        column = f"snapshot.{quoted(field.column)}"
        if field.is_relation and field.related_model._meta.db_table == CONTENT_TYPES:
            return (
                f"(SELECT today.id FROM {quoted(CONTENT_TYPES)} today "
                f"JOIN {quoted(PREFIX + CONTENT_TYPES)} kept "
                "ON today.app_label = kept.app_label AND today.model = kept.model "
                f"WHERE kept.id = {column})"
            )
        return column

    def drop(self):
        with connection.cursor() as cursor:
            for table in [*self.tables, CONTENT_TYPES]:
                cursor.execute(f"DROP TABLE IF EXISTS {quoted(PREFIX + table)}")
