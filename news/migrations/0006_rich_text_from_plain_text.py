from django.db import migrations

from alliance_portal.richtext import plain_text_to_html_operation


class Migration(migrations.Migration):
    """News texts, article section texts and side notes are rich text now: their plain
    text becomes HTML paragraphs, escaped."""

    dependencies = [("news", "0005_image_sizes_and_checked_uploads")]

    operations = [
        plain_text_to_html_operation(
            "news", {"NewsItem": ["body"], "ArticleSection": ["body", "side_note"]}
        ),
    ]
