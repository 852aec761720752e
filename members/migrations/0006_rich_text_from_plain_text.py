from django.db import migrations

from alliance_portal.richtext import plain_text_to_html_operation


class Migration(migrations.Migration):
    """Organisation descriptions are rich text now: their plain text becomes HTML
    paragraphs, escaped."""

    dependencies = [("members", "0005_image_sizes_and_checked_uploads")]

    operations = [
        plain_text_to_html_operation("members", {"Organisation": ["description"]}),
    ]
