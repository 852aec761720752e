from django.db import migrations

from alliance_portal.publishing.roles import grant_role_permissions


def grant(apps, schema_editor):
    grant_role_permissions(
        apps,
        "alliance_portal",
        content=[
            "sector",
            "alliance",
            "section",
            "goal",
            "demand",
            "keyfigure",
            "participantgroup",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("alliance_portal", "0003_unpublish_time_and_publish_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
