import django.db.models.deletion
from django.db import migrations, models

from alliance_portal.web.search_index import search_vector_operation


class Migration(migrations.Migration):
    """The press list's index gains the order's tie-breaker and the unpublish time (for
    index-only counts and deep pages); one alliance's statements get their own index,
    which replaces the foreign key's. Stored search vectors replace the expression
    indexes of 0002 (PostgreSQL only)."""

    dependencies = [
        ("alliance_portal", "0006_rich_text_from_plain_text"),
        ("statements", "0007_rich_text_from_plain_text"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="pressstatement", name="statement_public_idx"),
        migrations.AlterField(
            model_name="pressstatement",
            name="alliance",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="press_statements",
                to="alliance_portal.alliance",
                verbose_name="issuing alliance",
            ),
        ),
        migrations.AddIndex(
            model_name="pressstatement",
            index=models.Index(
                fields=["status", "published_at", "id", "unpublish_at"],
                name="statement_public_list_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="pressstatement",
            index=models.Index(
                fields=["alliance", "status", "published_at", "id", "unpublish_at"],
                name="statement_alliance_list_idx",
            ),
        ),
        search_vector_operation(
            "statements_pressstatement", ("headline", "sub_headline", "lead", "body")
        ),
    ]
