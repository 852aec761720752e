from django.db import migrations, models

from alliance_portal.web.search_index import search_vector_operation


class Migration(migrations.Migration):
    """The news list's index gains the order's tie-breaker and the unpublish time (for
    index-only counts and deep pages). Stored search vectors replace the expression
    indexes of 0002 (PostgreSQL only)."""

    dependencies = [("news", "0006_rich_text_from_plain_text")]

    operations = [
        migrations.RemoveIndex(model_name="newsitem", name="news_public_idx"),
        migrations.AddIndex(
            model_name="newsitem",
            index=models.Index(
                fields=["status", "published_at", "id", "unpublish_at"],
                name="news_public_list_idx",
            ),
        ),
        search_vector_operation("news_newsitem", ("title", "teaser", "body")),
        search_vector_operation("news_article", ("title", "summary")),
    ]
