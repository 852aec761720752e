"""`RichTextField`: long-form text edited with a WYSIWYG editor, stored as clean HTML.

django-prose-editor (ProseMirror/Tiptap, its assets inside the Python package) gives
the admin an editor that can make exactly what `richtext.ALLOWED_TAGS` allows:
headings h2–h4, bold, italic, bullet and numbered lists, links and quotations.

The value is cleaned (`richtext.clean`) on every way into the database: when a form or
`full_clean()` validates it, when a model is saved (admin, demo loader, import, shell),
and in `get_db_prep_save`, which also covers `QuerySet.update()`, `bulk_create()`,
`bulk_update()` and fixtures loaded raw. Its migrations see a plain TextField.
"""

from django.db.models.query_utils import DeferredAttribute
from django_prose_editor.fields import ProseEditorField

from . import URL_SCHEMES, clean

EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": sorted(URL_SCHEMES)},
}


class RichTextField(ProseEditorField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EDITOR_EXTENSIONS)
        kwargs["sanitize"] = clean
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        # Cleaned before validation, so an editor left with an empty paragraph is blank.
        value = super().to_python(value)
        return clean(value) if value else value

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if not value:
            return value
        cleaned = clean(value)
        # Keep the instance in step with the database. Not through modeltranslation's
        # descriptor on the untranslated field (`body`): it would write the visitor's
        # language, which may hold the German fallback text.
        if cleaned != value and isinstance(
            getattr(type(model_instance), self.attname, None), DeferredAttribute
        ):
            setattr(model_instance, self.attname, cleaned)
        return cleaned

    def get_db_prep_save(self, value, connection):
        if isinstance(value, str) and value:
            value = clean(value)
        return super().get_db_prep_save(value, connection)
