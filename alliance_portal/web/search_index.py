"""What full-text search reads on PostgreSQL: a stored search vector per language in
each searchable table, with a GIN index, made by migrations (`search_vector_operation`).
"""

from django.db.models import Expression
from django.db.models.expressions import Col

SEARCH_CONFIGS = {"de": "german", "en": "english"}


def language_fields(text_fields, language):
    fields = [f"{field}_{language}" for field in text_fields]
    if language != "de":
        fields += [f"{field}_de" for field in text_fields]
    return fields


def vector_sql(text_fields, language):
    """The SQL of one language's search vector: its fields, then German for gaps."""
    columns = " || ' ' || ".join(
        f"COALESCE(\"{field}\", '')" for field in language_fields(text_fields, language)
    )
    return f"to_tsvector('{SEARCH_CONFIGS[language]}'::regconfig, {columns})"


def index_name(table, language):
    return f"{table[:40]}_fts_{language}"


def expression_index_statements(table, text_fields, create):
    for language in SEARCH_CONFIGS:
        name = index_name(table, language)
        if create:
            yield (
                f'CREATE INDEX IF NOT EXISTS {name} ON "{table}" '
                f"USING gin ({vector_sql(text_fields, language)})"
            )
        else:
            yield f"DROP INDEX IF EXISTS {name}"


def postgresql_only(statements):
    """A migration function running the SQL `statements` (a callable) on PostgreSQL only."""

    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements():
                schema_editor.execute(statement)

    return operation


def search_index_operation(table, text_fields):
    """A migration operation adding GIN indexes over the search vector expression.

    Superseded by `search_vector_operation`; kept for the migrations that use it.
    """
    from django.db import migrations

    return migrations.RunPython(
        postgresql_only(lambda: expression_index_statements(table, text_fields, create=True)),
        postgresql_only(lambda: expression_index_statements(table, text_fields, create=False)),
        elidable=False,
    )


def search_vector_operation(table, text_fields):
    """A migration operation storing each language's search vector in a generated column
    `search_vector_<language>` with a GIN index, on PostgreSQL only; it replaces the
    expression indexes of `search_index_operation`.

    With the vector stored, ranking a match reads it instead of parsing the whole text
    again. PostgreSQL keeps the columns up to date itself; Django does not know them
    (see `StoredSearchVector`).
    """
    from django.db import migrations

    def create():
        yield from expression_index_statements(table, text_fields, create=False)
        columns = ", ".join(
            f"ADD COLUMN search_vector_{language} tsvector GENERATED ALWAYS AS "
            f"({vector_sql(text_fields, language)}) STORED"
            for language in SEARCH_CONFIGS
        )
        yield f'ALTER TABLE "{table}" {columns}'  # one rewrite of the table for both
        for language in SEARCH_CONFIGS:
            yield (
                f'CREATE INDEX {index_name(table, language)} ON "{table}" '
                f"USING gin (search_vector_{language})"
            )

    def drop():
        columns = ", ".join(f"DROP COLUMN search_vector_{language}" for language in SEARCH_CONFIGS)
        yield f'ALTER TABLE "{table}" {columns}'
        yield from expression_index_statements(table, text_fields, create=True)

    return migrations.RunPython(postgresql_only(create), postgresql_only(drop), elidable=False)


class StoredSearchVector(Expression):
    """The stored search vector (`search_vector_operation`) of the queried model's table,
    in `language` (German if the site has no search configuration for it)."""

    def __init__(self, language):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())
        self.language = language if language in SEARCH_CONFIGS else "de"

    def resolve_expression(self, query=None, *args, **kwargs):
        # A column of the query's own table, by its alias: the same in a subquery.
        field = self.output_field.clone()
        field.set_attributes_from_name(f"search_vector_{self.language}")
        field.model = query.model
        return Col(query.get_initial_alias(), field)
