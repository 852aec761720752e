"""Positions of ordered parts (goals, quotes, memberships…) are 1, 2, 3… within their item.

The admin stores them so on every save (`admin.OrderedInlineFormSet`); this migration
operation brings rows stored before that into the same shape, keeping their order.
"""

from django.db import migrations


def renumber_positions_operation(app_label, model_name, *, within):
    """A migration operation numbering the rows of `model_name` 1…n within each group
    of the foreign keys `within` (e.g. ("alliance", "parent") for goals), in the order
    they have now (position, then id)."""

    def renumber(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        group_fields = [f"{name}_id" for name in within]
        rows = model._base_manager.order_by(*group_fields, "position", "id").only(
            "id", "position", *group_fields
        )
        numbers, changed = {}, []
        for row in rows.iterator(chunk_size=2000):
            group = tuple(getattr(row, name) for name in group_fields)
            numbers[group] = numbers.get(group, 0) + 1
            if row.position != numbers[group]:
                row.position = numbers[group]
                changed.append(row)
        model._base_manager.bulk_update(changed, ["position"], batch_size=1000)

    return migrations.RunPython(renumber, migrations.RunPython.noop, elidable=True)
