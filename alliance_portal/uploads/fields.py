"""Model and form fields for uploads: every image and document field uses these.

`PortalImageField` is an `ImageField` that
- refuses bad files in forms (the admin included) and in `full_clean()`, by
  content (`checks.check_image`), with a specific message for each problem;
- stores a re-encoded copy without metadata (`cleaning`) and its renditions
  (`renditions`) whenever a new file is saved to it, by a form or by code;
- makes missing renditions when a stored name is put back (history, backups)
  and deletes the renditions of an image that was replaced or whose row was
  deleted, once the transaction has committed. The replaced image file itself
  stays: history can bring it back.

Its model declares `<name>_width` and `<name>_height` and passes them as
`width_field`/`height_field`: pages read an image's size from the row, never
from the file.

`ImageWithAltText` declares such an image with its size and its alt text in one
line; models with images inherit `ImagesNeedAltText`, which refuses an image
without a German alt text.

`DocumentFileField` is a `FileField` for attachments and documents: PDF,
Office files without macros, and images (checked and cleaned like the above).
Stored images are refreshed by `maintenance.py`.
"""

import logging
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import signals
from django.db.models.fields.files import (
    FieldFile,
    FileDescriptor,
    ImageFieldFile,
    ImageFileDescriptor,
)
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import checks, containers, renditions
from .cleaning import EXTENSIONS, clean_image

logger = logging.getLogger(__name__)

# Per model instance, in its __dict__: image names replaced since it was loaded,
# and names just written by an upload (which already has its renditions).
_REPLACED = "_portal_replaced_images"
_FRESH = "_portal_fresh_images"


def _name(value):
    if isinstance(value, str) or value is None:
        return value
    return getattr(value, "name", None)


def _stored_name(value):
    """The storage name behind a field value, if it is a stored file (not a new upload)."""
    if isinstance(value, str):
        return value
    if isinstance(value, FieldFile) and value._committed:
        return value.name
    return ""


def _is_being_saved(field_file):
    return getattr(field_file, "_saving", False)


def _clean_file_name(name, image_format):
    """`name`, ending in the extension of the format the clean copy was stored in."""
    path = PurePosixPath(name)
    if path.suffix.lower() in checks.IMAGE_EXTENSIONS[image_format]:
        return name
    return str(path.with_suffix(EXTENSIONS[image_format]))


def _store_clean_image(field_file, name, checked):
    """Store the clean copy of `checked` through `field_file`; returns the clean image."""
    clean = clean_image(checked)
    name = _clean_file_name(name, clean.format)
    field_file._saving = True  # see _ReplacementTrackingDescriptor
    # Named, so that ImageField reads the dimensions from this content, not from storage.
    try:
        FieldFile.save(field_file, name, ContentFile(clean.data, name=name), save=False)
    finally:
        field_file._saving = False
    return clean


class PortalImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        clean = _store_clean_image(self, name, checks.check_image(content, name=name))
        renditions.write_renditions(self.storage, self.name, clean.image)
        self.instance.__dict__.setdefault(_FRESH, {})[self.field.attname] = self.name
        if save:
            self.instance.save()

    save.alters_data = True

    def delete(self, save=True):
        if self.name:
            renditions.delete_renditions(self.storage, self.name)
        super().delete(save)

    delete.alters_data = True

    @property
    def picture(self):
        """srcsets and size for templates, from the row alone; None without a known size."""
        width = getattr(self.instance, self.field.width_field or "", None)
        height = getattr(self.instance, self.field.height_field or "", None)
        if not (self.name and width and height):
            return None
        return renditions.picture(self, width, height)


class _ReplacementTrackingDescriptor(ImageFileDescriptor):
    """Remembers the stored image a new value replaces, so its renditions can go.

    Unlike Django's, it measures the image only when the value really changes:
    `refresh_from_db()` puts back the same name and keeps the recorded size
    instead of reading the file (which may be on S3, or gone).
    """

    def __set__(self, instance, value):
        previous = instance.__dict__.get(self.field.attname)
        FileDescriptor.__set__(self, instance, value)
        # None: the model is being built (post_init measures if the row has no size).
        if previous is None or _name(previous) == _name(value):
            return
        self.field.update_dimension_fields(instance, force=True)
        # FieldFile.save() hands over the content it stored: not a replacement.
        if not _is_being_saved(previous):
            instance.__dict__.setdefault(_REPLACED, {}).setdefault(
                self.field.attname, _stored_name(previous)
            )


class ImageUploadFormField(forms.FileField):
    """Checks an uploaded image by content (see checks.py) before the model sees it."""

    def __init__(self, **kwargs):
        # Our own message for empty files names the file and what to do.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs.setdefault("accept", checks.ACCEPTED_IMAGE_TYPES)
        return attrs

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is not None:
            checks.check_image(upload)
            checks.mark_checked(upload)
        return upload


class DocumentUploadFormField(ImageUploadFormField):
    """Checks an uploaded attachment or document by content (see checks.py)."""

    def widget_attrs(self, widget):
        attrs = forms.FileField.widget_attrs(self, widget)
        if isinstance(widget, forms.FileInput):
            attrs.setdefault("accept", checks.ACCEPTED_DOCUMENT_TYPES)
        return attrs

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            checks.check_document(upload)
            checks.mark_checked(upload)
        return upload


class PortalImageField(models.ImageField):
    attr_class = PortalImageFieldFile
    alt_field = None  # the alt text's field, set by ImageWithAltText
    descriptor_class = _ReplacementTrackingDescriptor
    default_validators = [checks.validate_image_file]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except (OSError, ValueError) as error:
            # A stored file that is missing or unreadable: the size is unknown, and
            # templates show the image without renditions instead of failing.
            logger.warning("Cannot measure %s: %s", getattr(instance, self.attname), error)
            setattr(instance, self.width_field, None)
            setattr(instance, self.height_field, None)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            # Bound methods, held weakly, as ImageField holds its own post_init handler.
            signals.post_save.connect(self._after_save, sender=cls)
            signals.post_delete.connect(self._after_delete, sender=cls)

    def _after_save(self, instance, created=False, raw=False, **kwargs):
        replaced = instance.__dict__.get(_REPLACED, {}).pop(self.attname, None)
        fresh = instance.__dict__.get(_FRESH, {}).pop(self.attname, None)
        current = getattr(instance, self.attname)
        # A stored name put in place (history, backups, code) may lack renditions.
        if current and current.name != fresh and (raw or created or replaced is not None):
            renditions.ensure_renditions(current, getattr(instance, self.width_field))
        if replaced and replaced != current.name:
            self._drop_renditions_on_commit(type(instance), current.storage, replaced)

    def _after_delete(self, instance, **kwargs):
        current = getattr(instance, self.attname)
        if current:
            self._drop_renditions_on_commit(type(instance), current.storage, current.name)

    def _drop_renditions_on_commit(self, model, storage, name):
        def drop():
            if not model._base_manager.filter(**{self.name: name}).exists():
                renditions.delete_renditions(storage, name)

        # After the commit: a rolled-back change must find its renditions still there.
        transaction.on_commit(drop)


class DocumentFieldFile(FieldFile):
    def save(self, name, content, save=True):
        content.seek(0)
        head = content.read(32)
        content.seek(0)
        image_format = containers.sniff(head)
        if image_format in checks.IMAGE_EXTENSIONS:
            # Photos among the attachments lose their metadata (GPS!) too.
            checked = checks.check_image(content, name=name, max_bytes=checks.DOCUMENT_MAX_BYTES)
            _store_clean_image(self, name, checked)
        else:
            super().save(name, content, save=False)
        if save:
            self.instance.save()

    save.alters_data = True


class DocumentFileField(models.FileField):
    attr_class = DocumentFieldFile
    default_validators = [checks.validate_document_file]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DocumentUploadFormField, **kwargs})


class ImageWithAltText:
    """An image, its stored size and its alt text: `logo = ImageWithAltText(…)` gives the
    model `logo` (a `PortalImageField`), `logo_width`, `logo_height` and `logo_alt`.

    The alt text is a translated field: list `<name>_alt` in the model's translation
    options. The fields are made here, so they keep their place among the model's
    fields (forms, backups and migrations see them in the order declared).
    """

    def __init__(self, verbose_name, *, alt_text, upload_to):
        self.image = PortalImageField(verbose_name, upload_to=upload_to, blank=True)
        # Never shown in a form: their names only say what they are.
        self.width = models.PositiveIntegerField(
            format_lazy("{} width", verbose_name), null=True, editable=False
        )
        self.height = models.PositiveIntegerField(
            format_lazy("{} height", verbose_name), null=True, editable=False
        )
        self.alt_text = models.CharField(alt_text, max_length=200, blank=True)

    def contribute_to_class(self, cls, name):
        self.image.width_field = f"{name}_width"
        self.image.height_field = f"{name}_height"
        self.image.alt_field = f"{name}_alt"
        cls.add_to_class(name, self.image)
        cls.add_to_class(self.image.width_field, self.width)
        cls.add_to_class(self.image.height_field, self.height)
        cls.add_to_class(self.image.alt_field, self.alt_text)


class ImagesNeedAltText(models.Model):
    """Images are shown to people who cannot see them: each needs alt text, at least
    in German (the default language)."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {
            f"{field.alt_field}_de": _(
                "Describe the image in a few words for people who cannot see "
                "it (at least in German), or remove the image."
            )
            for field in self._meta.fields
            if getattr(field, "alt_field", None)
            and getattr(self, field.attname)
            and not getattr(self, f"{field.alt_field}_de", None)
        }
        if errors:
            raise ValidationError(errors)
