import django.db.models.deletion
from django.db import migrations, models

from alliance_portal.web.search_index import search_vector_operation


class Migration(migrations.Migration):
    """Indexes for the organisation list in each language's order. Memberships: the unique
    constraint's index serves lookups by alliance, a new one by organisation (with the
    alliance, for index-only scans); the foreign keys' own indexes go. Stored search
    vectors replace the expression indexes of 0002 (PostgreSQL only)."""

    dependencies = [
        ("alliance_portal", "0006_rich_text_from_plain_text"),
        ("members", "0006_rich_text_from_plain_text"),
    ]

    operations = [
        migrations.AlterField(
            model_name="membership",
            name="alliance",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to="alliance_portal.alliance",
                verbose_name="alliance",
            ),
        ),
        migrations.AlterField(
            model_name="membership",
            name="organisation",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="memberships",
                to="members.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddIndex(
            model_name="membership",
            index=models.Index(
                fields=["organisation", "alliance"], name="membership_by_organisation_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                fields=["name_de", "id", "status", "published_at", "unpublish_at", "kind", "country"],
                name="organisation_name_de_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(
                fields=["name_en", "id", "status", "published_at", "unpublish_at", "kind", "country"],
                name="organisation_name_en_idx",
            ),
        ),
        search_vector_operation("members_organisation", ("name", "description")),
    ]
