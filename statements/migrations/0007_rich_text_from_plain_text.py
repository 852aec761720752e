from django.db import migrations

from alliance_portal.richtext import plain_text_to_html_operation


class Migration(migrations.Migration):
    """Statement texts are rich text now: their plain text becomes HTML paragraphs,
    escaped."""

    dependencies = [("statements", "0006_checked_attachment_uploads")]

    operations = [
        plain_text_to_html_operation("statements", {"PressStatement": ["body"]}),
    ]
