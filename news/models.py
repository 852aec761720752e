"""News items, and long-form articles with sections, a call to action and references."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliance_portal.alerts.fields import without_alert_field
from alliance_portal.publishing.models import (
    PUBLIC_LIST_INDEX_FIELDS,
    Publishable,
    unpublish_time_index,
)
from alliance_portal.publishing.slugs import SlugFromTitle
from alliance_portal.richtext.fields import RichTextField
from alliance_portal.uploads.fields import ImagesNeedAltText, ImageWithAltText


class NewsItem(SlugFromTitle, Publishable, ImagesNeedAltText):
    """A dated piece of news; its publish time is the date it carries."""

    slug_source = "title"

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the web address. Left empty, it is made from the title, and it "
            "follows the title until the item is first published; then it stays. If you "
            "change it after that, the old address leads to the new one."
        ),
    )
    teaser = models.TextField(_("teaser"), help_text=_("Two or three sentences for lists."))
    body = RichTextField(_("text"), blank=True)
    image = ImageWithAltText(_("image"), alt_text=_("image alt text"), upload_to="news/images/")
    alliances = models.ManyToManyField(
        "alliance_portal.Alliance",
        verbose_name=_("alliances"),
        related_name="news_items",
        blank=True,
    )
    source_name = models.CharField(_("source"), max_length=200, blank=True)
    source_url = models.URLField(_("source link"), blank=True)
    without_alert = without_alert_field()

    class Meta(Publishable.Meta):
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        indexes = [
            models.Index(fields=PUBLIC_LIST_INDEX_FIELDS, name="news_public_list_idx"),
            unpublish_time_index("news_unpublish_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})


class Article(SlugFromTitle, Publishable, ImagesNeedAltText):
    """A long-form page: sections of main text with side notes, a call to action, references."""

    slug_source = "title"

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Part of the web address. Left empty, it is made from the title, and it "
            "follows the title until the item is first published; then it stays. If you "
            "change it after that, the old address leads to the new one."
        ),
    )
    summary = models.TextField(_("summary"))
    category = models.CharField(_("category"), max_length=120, blank=True)
    image = ImageWithAltText(_("image"), alt_text=_("image alt text"), upload_to="articles/images/")
    alliances = models.ManyToManyField(
        "alliance_portal.Alliance",
        verbose_name=_("alliances"),
        related_name="articles",
        blank=True,
    )
    cta_text = models.TextField(_("call to action"), blank=True)
    cta_button_text = models.CharField(_("button text"), max_length=120, blank=True)
    cta_link = models.CharField(
        _("button link"),
        max_length=300,
        blank=True,
        help_text=_("A full address, or a path on this site such as /de/alliances/."),
    )

    class Meta(Publishable.Meta):
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.slug})


class ArticleSection(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    heading = models.CharField(_("heading"), max_length=300)
    body = RichTextField(_("main text"))
    side_note = RichTextField(_("side note"), blank=True)

    class Meta:
        ordering = ["article", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.heading


class ArticleReference(models.Model):
    """A numbered source; the text cites it as [1], [2], …"""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="references"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        ordering = ["article", "number"]
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"],
                name="reference_number_unique_per_article",
                violation_error_message=_("Each reference of an article needs its own number."),
            )
        ]

    def __str__(self):
        return f"[{self.number}] {self.title}"
