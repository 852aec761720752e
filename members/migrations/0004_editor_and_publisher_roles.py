from django.db import migrations

from alliance_portal.publishing.roles import grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        "members",
        content=["organisation", "membership", "person", "alliancecontact"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_unpublish_time_and_publish_permission"),
        ("alliance_portal", "0004_editor_and_publisher_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
