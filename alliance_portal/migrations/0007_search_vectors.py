from django.db import migrations

from alliance_portal.web.search_index import search_vector_operation


class Migration(migrations.Migration):
    """Stored search vectors, German and English, with their GIN indexes (PostgreSQL only);
    they replace the expression indexes of 0002."""

    dependencies = [("alliance_portal", "0006_rich_text_from_plain_text")]

    operations = [
        search_vector_operation("alliance_portal_alliance", ("name", "summary", "description")),
    ]
