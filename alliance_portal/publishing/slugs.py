"""Slugs: made from an item's German title, in German transliteration, so that links
never break.

- `slugify_de`: ä → ae, ö → oe, ü → ue, ß → ss (capitals too), other accents dropped,
  at most 80 characters, cut at a word boundary.
- `SlugFromTitle`: an item without a slug gets one from its title. While a publishable
  item has never been public, its slug follows the title (unless staff typed one of
  their own); from its first publication on, it stays. A slug changed after that
  leaves the old one behind as a `PublishedSlug`, which the detail pages redirect
  from.
- `comparison_key`: a name reduced to what tells names apart (case, spaces,
  punctuation and accents ignored), for finding duplicates.
"""

import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.db import migrations, models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

SLUG_MAX_LENGTH = 80

GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def transliterate_german(text):
    """ "Größe Ärger" → "Groesse Aerger"; composed or decomposed umlauts alike."""
    return unicodedata.normalize("NFC", text).translate(GERMAN)


def cut_at_word(slug, max_length):
    """`slug` at most `max_length` long, cut after a whole word when there is one."""
    if len(slug) <= max_length:
        return slug
    head = slug[:max_length]
    if slug[max_length] != "-" and "-" in head:
        head = head.rsplit("-", 1)[0]
    return head.strip("-")


def slugify_de(text, max_length=SLUG_MAX_LENGTH):
    """A slug of `text` in German transliteration: "Aluminiumbündnis Süd" →
    "aluminiumbuendnis-sued"."""
    return cut_at_word(slugify(transliterate_german(text)), max_length)


def comparison_key(text):
    """What is left of a name to tell it from others: "Müller GmbH & Co. KG" and
    "MUELLER GmbH & Co KG" both give "muellergmbhcokg".

    German transliteration, case folded, accents dropped; only letters and digits
    (of any script) are kept, so spaces and the punctuation of legal forms
    ("e. V." or "e.V.") make no difference.
    """
    text = unicodedata.normalize("NFKD", transliterate_german(text).casefold())
    return "".join(char for char in text if char.isalnum())


class PublishedSlug(models.Model):
    """A slug an item has been public under.

    Recorded when an item that has been public is saved, so that a request for an
    address the item had before its slug was changed (by staff, or by restoring an
    older version) is redirected to its current one (`publishing.views.moved_permanently`).
    Only to items the visitor may see: a redirect never reveals a draft.
    """

    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("content type"),
        on_delete=models.CASCADE,
        db_index=False,  # the unique constraint's index starts with this column
    )
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX_LENGTH, db_index=False)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["content_type", "slug"]
        verbose_name = _("published slug")
        verbose_name_plural = _("published slugs")
        constraints = [
            # Also the index the detail pages look slugs up in.
            models.UniqueConstraint(
                fields=["content_type", "slug"], name="published_slug_unique_per_model"
            )
        ]

    def __str__(self):
        return self.slug

    @classmethod
    def record(cls, item, slug):
        """`slug` now leads to `item`, also if another item of its kind once had it:
        one query (an upsert)."""
        cls.objects.bulk_create(
            [
                cls(
                    content_type=ContentType.objects.get_for_model(item),
                    slug=slug,
                    object_id=item.pk,
                )
            ],
            update_conflicts=True,
            unique_fields=["content_type", "slug"],
            update_fields=["object_id"],
        )

    @classmethod
    def taken_by_others(cls, item, slug):
        """Whether another item of the same kind has been public under `slug`."""
        return (
            cls.objects.filter(content_type=ContentType.objects.get_for_model(item), slug=slug)
            .exclude(object_id=item.pk)
            .exists()
        )


def item_formerly_at(queryset, slug):
    """The item of `queryset` that has been public under `slug` and has another slug
    now, or None. One query: `queryset` decides what the visitor may see."""
    model = queryset.model
    former = PublishedSlug.objects.filter(
        content_type=ContentType.objects.get_for_model(model), slug=slug
    ).values("object_id")
    return queryset.filter(pk__in=former).exclude(slug=slug).first()


def unique_slug(instance, text, *, max_length=SLUG_MAX_LENGTH):
    """A slug for `text` that no other row of the instance's model uses, and no other
    item of its kind has been public under, yet."""
    base = slugify_de(text, max_length) or "item"
    candidate, number = base, 2
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    while others.filter(slug=candidate).exists() or PublishedSlug.taken_by_others(
        instance, candidate
    ):
        suffix = f"-{number}"
        candidate = f"{cut_at_word(base, max_length - len(suffix))}{suffix}"
        number += 1
    return candidate


def made_from(slug, title):
    """Whether `slug` is what `unique_slug` makes, or made, of `title`: with or
    without a number added, with German transliteration or (before it) without."""
    bases = {slugify_de(title), slugify(title)[:SLUG_MAX_LENGTH].strip("-")} - {""}
    if slug in bases:
        return True
    numbered = re.fullmatch(r"(.+)-(\d+)", slug)
    if numbered is None:
        return False
    stem, room = numbered[1], SLUG_MAX_LENGTH - len(numbered[2]) - 1
    return any(stem in (cut_at_word(base, room), base[:room]) for base in bases)


class SlugFromTitle(models.Model):
    """Gives an item a unique slug from its German title (`slug_source`).

    An item saved without a slug gets one. A publishable item that has never been
    public gets a new one whenever its title changes, unless staff gave it a slug of
    their own; once it has been public its slug stays, and if staff change it, the
    old one keeps leading to the item (`PublishedSlug`).
    """

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        title_field = self.slug_title_field()
        title = getattr(self, title_field) or ""
        update_fields = kwargs.get("update_fields")
        has_been_public = self._has_been_public()  # before this save
        stored_slug, stored_title = self._stored_slug_and_title(title_field)
        if not self.slug:
            self.slug = unique_slug(self, title)
        elif (
            hasattr(self, "first_publication")  # publishable
            and not has_been_public
            and self.slug == stored_slug
            and title != stored_title
            and stored_title is not None
            and made_from(stored_slug, stored_title)
        ):
            # Never public: the slug follows the title it was made from.
            self.slug = unique_slug(self, title)
        if update_fields is not None and self.slug != stored_slug:
            kwargs["update_fields"] = {*update_fields, "slug"}
        super().save(*args, **kwargs)
        if self._has_been_public():
            PublishedSlug.record(self, self.slug)
            if has_been_public and stored_slug and stored_slug != self.slug:
                PublishedSlug.record(self, stored_slug)
        self._remember_slug()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_slug()
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._remember_slug()

    @classmethod
    def slug_title_field(cls):
        """The German title's field: `title_de` for a translated title."""
        german = f"{cls.slug_source}_de"
        return german if hasattr(cls, german) else cls.slug_source

    def _has_been_public(self):
        # Publishable items only: from their first publication on, their slug stays.
        return hasattr(self, "has_been_public") and self.has_been_public()

    def _remember_slug(self):
        title_field = self.slug_title_field()
        if "slug" in self.__dict__ and title_field in self.__dict__:
            self._slug_as_stored = (self.slug, getattr(self, title_field))

    def _stored_slug_and_title(self, title_field):
        if self._state.adding and self.pk is None:
            return None, None
        if hasattr(self, "_slug_as_stored"):
            return self._slug_as_stored
        stored = (
            type(self)._default_manager.filter(pk=self.pk).values_list("slug", title_field).first()
        )
        return stored or (None, None)


def first_publications_operation(app_label, *model_names):
    """A data migration for items published before first publications were recorded:
    a published item counts as public from its publish time, and the slug of each item
    that has been public is recorded."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        PublishedSlug = apps.get_model("alliance_portal", "PublishedSlug")
        now = timezone.now()
        for model_name in model_names:
            model = apps.get_model(app_label, model_name)
            model.objects.filter(status="published").update(
                first_published_at=models.F("published_at")
            )
            public = model.objects.filter(first_published_at__lte=now).values_list("pk", "slug")
            if not public.exists():
                continue
            content_type, _created = ContentType.objects.get_or_create(
                app_label=app_label, model=model_name.lower()
            )
            PublishedSlug.objects.bulk_create(
                (
                    PublishedSlug(content_type=content_type, slug=slug, object_id=pk)
                    for pk, slug in public.iterator()
                ),
                batch_size=1000,
                ignore_conflicts=True,
            )

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)
