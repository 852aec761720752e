from django.db import migrations

from alliance_portal.publishing.slugs import first_publications_operation


class Migration(migrations.Migration):
    """Published items count as public since their publish time; their slugs are kept."""

    dependencies = [
        ("statements", "0010_slugs_follow_titles_until_first_published"),
        ("alliance_portal", "0008_slugs_follow_titles_until_first_published"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [first_publications_operation("statements", "PressStatement")]
