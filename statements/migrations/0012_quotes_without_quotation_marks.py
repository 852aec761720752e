from django.db import migrations, models

from statements.quotation import without_quote_marks

HELP_TEXT = (
    "Without quotation marks: typed ones are removed on saving, and pages, PDF and press kit "
    "add those of the text's language."
)
COLUMNS = ["text", "text_de", "text_en"]
BATCH = 2000


def strip_quote_marks(apps, schema_editor):
    """Quotes stored with their own quotation marks lose them: pages add them now.
    Read in batches by key, so that no write happens while a result set is open."""
    Quote = apps.get_model("statements", "Quote")
    last = 0
    while rows := list(
        Quote.objects.filter(pk__gt=last).order_by("pk").only("pk", *COLUMNS)[:BATCH]
    ):
        last = rows[-1].pk
        changed = [row for row in rows if _strip(row)]
        Quote.objects.bulk_update(changed, COLUMNS, batch_size=500)


def _strip(row):
    """True when the row had quotation marks to lose."""
    dirty = False
    for column in COLUMNS:
        value = getattr(row, column)
        if value and (stripped := without_quote_marks(value)) != value:
            setattr(row, column, stripped)
            dirty = True
    return dirty


class Migration(migrations.Migration):
    dependencies = [("statements", "0011_first_publications")]

    operations = [
        migrations.AlterField(
            model_name="quote",
            name="text",
            field=models.TextField(help_text=HELP_TEXT, verbose_name="quote"),
        ),
        migrations.AlterField(
            model_name="quote",
            name="text_de",
            field=models.TextField(help_text=HELP_TEXT, null=True, verbose_name="quote"),
        ),
        migrations.AlterField(
            model_name="quote",
            name="text_en",
            field=models.TextField(help_text=HELP_TEXT, null=True, verbose_name="quote"),
        ),
        migrations.RunPython(strip_quote_marks, migrations.RunPython.noop, elidable=True),
    ]
