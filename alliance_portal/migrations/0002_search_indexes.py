from django.db import migrations

from alliance_portal.web.search_index import search_index_operation


class Migration(migrations.Migration):
    """Full-text search indexes, German and English, on PostgreSQL only."""

    dependencies = [("alliance_portal", "0001_initial")]

    operations = [
        search_index_operation("alliance_portal_alliance", ('name', 'summary', 'description')),
    ]
