"""Slugs: made once from an item's German title, then kept so that links never break."""

from django.db import models
from django.utils.text import slugify


def unique_slug(instance, text, *, max_length=80):
    """A slug for `text` that no other row of the instance's model uses yet.

    Slugs are made once, when an item is first saved, and then kept: links to
    an alliance must not break when its name is edited.
    """
    base = slugify(text)[:max_length].strip("-") or "item"
    candidate, number = base, 2
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    while others.filter(slug=candidate).exists():
        suffix = f"-{number}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1
    return candidate


class SlugFromTitle(models.Model):
    """Gives a new item a unique slug from its German title (`slug_source`), once."""

    slug_source = "name"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            source = self.slug_source
            self.slug = unique_slug(
                self, getattr(self, f"{source}_de", "") or getattr(self, source)
            )
        super().save(*args, **kwargs)
