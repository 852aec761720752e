from django.db import migrations

from alliance_portal.richtext import plain_text_to_html_operation


class Migration(migrations.Migration):
    """Descriptions, founding texts and section texts are rich text now: their plain
    text becomes HTML paragraphs, escaped."""

    dependencies = [("alliance_portal", "0005_image_sizes_and_checked_uploads")]

    operations = [
        plain_text_to_html_operation(
            "alliance_portal",
            {"Alliance": ["description", "founding_document_text"], "Section": ["body"]},
        ),
    ]
