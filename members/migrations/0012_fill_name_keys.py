from django.db import migrations

from alliance_portal.publishing.slugs import comparison_key


def fill_name_keys(apps, schema_editor):
    """Every organisation's and person's name as duplicates are found by."""
    for model_name in ("Organisation", "Person"):
        model = apps.get_model("members", model_name)
        names = {field.name for field in model._meta.fields}
        source = "name_de" if "name_de" in names else "name"  # the German name
        rows = []
        for row in model.objects.only("pk", source).iterator(chunk_size=2000):
            row.name_key = comparison_key(getattr(row, source) or "")
            rows.append(row)
        model.objects.bulk_update(rows, ["name_key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("members", "0011_organisation_and_person_name_keys")]

    operations = [migrations.RunPython(fill_name_keys, migrations.RunPython.noop, elidable=True)]
