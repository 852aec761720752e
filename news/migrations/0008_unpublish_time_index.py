from django.db import migrations, models


class Migration(migrations.Migration):
    """A small index of the news items with an unpublish time: the page cache asks for the
    next one whenever content changes."""

    dependencies = [("news", "0007_list_indexes_and_search_vectors")]

    operations = [
        migrations.AddIndex(
            model_name="newsitem",
            index=models.Index(
                condition=models.Q(("unpublish_at__isnull", False)),
                fields=["status", "unpublish_at"],
                name="news_unpublish_idx",
            ),
        ),
    ]
