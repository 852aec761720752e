"""Slugs: German transliteration, made by the server, following the title until the item
is first published, then fixed; an address changed after that redirects."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from alliance_portal.models import Alliance, Sector
from alliance_portal.publishing.models import Publishable
from alliance_portal.publishing.slugs import (
    PublishedSlug,
    first_publications_operation,
    slugify_de,
)
from members.models import Organisation
from news.models import Article, NewsItem
from statements.models import PressStatement
from tests.admin_forms import admin_form, admin_url, change_url, errors
from tests.factories import (
    make_alliance,
    make_news_item,
    make_organisation,
    make_statement,
)

pytestmark = pytest.mark.django_db

DRAFT = Publishable.Status.DRAFT
PUBLISHED = Publishable.Status.PUBLISHED
HOUR = timedelta(hours=1)


def published_slugs(item):
    """The slugs recorded as public for `item`."""
    return sorted(
        PublishedSlug.objects.filter(
            content_type=ContentType.objects.get_for_model(item), object_id=item.pk
        ).values_list("slug", flat=True)
    )


# --- German transliteration -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Aluminiumbündnis Süd", "aluminiumbuendnis-sued"),
        ("Dillinger Hüttenwerke", "dillinger-huettenwerke"),
        ("Größere Maßstäbe für Öl", "groessere-massstaebe-fuer-oel"),
        ("ÄRGER ÖFEN ÜBER GROẞE", "aerger-oefen-ueber-grosse"),
        ("Ärzte, Öko & Übersee", "aerzte-oeko-uebersee"),
        # Decomposed umlauts (a + combining diaeresis), as some systems paste them.
        ("Bu\u0308ndnis fu\u0308r Ko\u0308ln", "buendnis-fuer-koeln"),
        ("Société Générale", "societe-generale"),
    ],
)
def test_slugs_transliterate_german(text, slug):
    assert slugify_de(text) == slug


def test_a_long_slug_is_cut_at_a_word_boundary():
    headline = "Bündnis fordert wettbewerbsfähige Strompreise für die energieintensive " * 5
    assert slugify_de(headline) == (
        "buendnis-fordert-wettbewerbsfaehige-strompreise-fuer-die-energieintensive"
    )
    assert slugify_de("Ein" + "e" * 100) == "ein" + "e" * 77  # one word: cut inside it


def test_new_items_of_every_kind_get_transliterated_slugs():
    alliance = make_alliance(name_de="Aluminiumbündnis Süd")
    organisation = make_organisation(name_de="Dillinger Hüttenwerke")
    statement = make_statement(headline_de="Größere Maßstäbe")
    news = make_news_item(title_de="Überblick Öl")
    article = Article.objects.create(title_de="Straßen über Flüsse", summary_de="Kurz")
    sector = Sector.objects.create(name_de="Stahlindustrie Übersee")
    assert [x.slug for x in (alliance, organisation, statement, news, article, sector)] == [
        "aluminiumbuendnis-sued",
        "dillinger-huettenwerke",
        "groessere-massstaebe",
        "ueberblick-oel",
        "strassen-ueber-fluesse",
        "stahlindustrie-uebersee",
    ]


def test_slugs_stay_unique_with_a_number_and_short_enough():
    headline = "Erklärung zur Zukunft der energieintensiven Industrie in Nordrhein-Westfalen ab"
    first, second = (make_statement(headline_de=headline) for _ in range(2))
    assert first.slug == (
        "erklaerung-zur-zukunft-der-energieintensiven-industrie-in-nordrhein-westfalen-ab"
    )
    # The number takes the place of the last word that does not fit.
    assert second.slug == (
        "erklaerung-zur-zukunft-der-energieintensiven-industrie-in-nordrhein-westfalen-2"
    )


# --- Following the title until the first publication ------------------------------


def test_a_draft_slug_follows_its_title():
    statement = make_statement(headline_de="Lange Überschrift " * 16, status=DRAFT)  # 288 of 300
    assert statement.slug.startswith("lange-ueberschrift-lange") and len(statement.slug) <= 80
    statement.headline_de = "Kurze Überschrift"
    statement.save()
    statement.refresh_from_db()
    assert statement.slug == "kurze-ueberschrift"
    assert published_slugs(statement) == []


def test_a_draft_slug_typed_by_staff_is_kept_when_the_title_changes():
    alliance = make_alliance(name_de="Bündnis Nord", slug="nordbuendnis", status=DRAFT)
    alliance.name_de = "Bündnis Norddeutschland"
    alliance.save()
    assert Alliance.objects.get(pk=alliance.pk).slug == "nordbuendnis"


def test_a_draft_slug_made_before_transliteration_follows_too():
    alliance = make_alliance(name_de="Bündnis Süd", status=DRAFT)
    Alliance.objects.filter(pk=alliance.pk).update(slug="bundnis-sud")
    alliance = Alliance.objects.get(pk=alliance.pk)
    alliance.name_de = "Bündnis Süd-West"
    alliance.save()
    assert alliance.slug == "buendnis-sued-west"


def test_a_scheduled_item_follows_its_title_until_its_publish_time():
    news = make_news_item(title_de="Termin am Montag", published_at=timezone.now() + HOUR)
    assert news.first_published_at == news.published_at
    news.title_de = "Termin am Dienstag"
    news.save()
    assert news.slug == "termin-am-dienstag"
    with time_machine.travel(news.published_at + HOUR):
        news.title_de = "Termin am Mittwoch"
        news.save()
        assert NewsItem.objects.get(pk=news.pk).slug == "termin-am-dienstag"


def test_a_published_slug_stays_also_back_in_draft():
    organisation = make_organisation(name_de="Hütte Nord", status=DRAFT)
    assert organisation.first_published_at is None
    organisation.status = PUBLISHED
    organisation.save()
    first = organisation.first_published_at
    assert first is not None and first <= timezone.now()
    organisation.name_de = "Hütte Nord GmbH"
    organisation.save()
    organisation.status = DRAFT
    organisation.save()
    organisation.name_de = "Hütte Nord AG"
    organisation.save()
    organisation.refresh_from_db()
    assert (organisation.slug, organisation.first_published_at) == ("huette-nord", first)


def test_a_withdrawn_schedule_does_not_count_as_published():
    statement = make_statement(headline_de="Vorab", published_at=timezone.now() + HOUR)
    statement.status = DRAFT
    statement.save()
    assert statement.first_published_at is None
    statement.headline_de = "Doch anders"
    statement.save()
    assert statement.slug == "doch-anders"


def test_publish_action_records_the_first_publication(admin_client):
    drafts = [make_alliance(status=DRAFT) for _ in range(2)]
    url = reverse("admin:alliance_portal_alliance_changelist")
    ids = [str(a.pk) for a in drafts]
    admin_client.post(url, {"action": "publish", "_selected_action": ids})
    firsts = Alliance.objects.filter(pk__in=ids).values_list("first_published_at", flat=True)
    assert None not in firsts
    assert set(PublishedSlug.objects.values_list("slug", flat=True)) == {a.slug for a in drafts}


def test_migration_counts_published_items_as_public_since_their_publish_time():
    public = make_alliance(name_de="Alt")
    scheduled = make_alliance(published_at=timezone.now() + HOUR)
    draft = make_alliance(status=DRAFT)
    Alliance.objects.update(first_published_at=None)
    PublishedSlug.objects.all().delete()
    first_publications_operation("alliance_portal", "Alliance").code(apps, None)
    rows = Alliance.objects.in_bulk([public.pk, scheduled.pk, draft.pk])
    assert rows[public.pk].first_published_at == public.published_at
    assert rows[scheduled.pk].first_published_at == scheduled.published_at
    assert rows[draft.pk].first_published_at is None
    assert list(PublishedSlug.objects.values_list("slug", "object_id")) == [("alt", public.pk)]


# --- The admin: the server makes the slug ------------------------------------------


def test_admin_add_form_leaves_the_slug_to_the_server(admin_client):
    url = admin_url(NewsItem, "add")
    html = admin_client.get(url).content.decode()
    # No prepopulation in the browser (Django's URLify would write "bundnis").
    assert "dependency_list" not in html
    fields = admin_form(admin_client, url)
    fields.update(title_de="Neues Bündnis für Köln", teaser_de="Kurz", slug="")
    response = admin_client.post(url, fields)
    assert response.status_code == 302, errors(response)
    assert NewsItem.objects.get().slug == "neues-buendnis-fuer-koeln"


def test_admin_renaming_a_draft_renews_its_slug(admin_client):
    alliance = make_alliance(name_de="Bündnis Metall 3000 Zeichen " * 7, status=DRAFT)  # 196 of 200
    fields = admin_form(admin_client, change_url(alliance))
    fields["name_de"] = "Bündnis Metall"
    response = admin_client.post(change_url(alliance), fields)
    assert response.status_code == 302, errors(response)
    assert Alliance.objects.get(pk=alliance.pk).slug == "buendnis-metall"


def test_admin_renaming_a_published_item_keeps_its_slug(admin_client):
    alliance = make_alliance(name_de="Bündnis Eisen")
    fields = admin_form(admin_client, change_url(alliance))
    fields["name_de"] = "Bündnis Eisen und Stahl"
    response = admin_client.post(change_url(alliance), fields)
    assert response.status_code == 302, errors(response)
    assert Alliance.objects.get(pk=alliance.pk).slug == "buendnis-eisen"


# --- Old addresses redirect ---------------------------------------------------------


def change_slug_in_admin(client, item, slug):
    fields = admin_form(client, change_url(item))
    fields["slug"] = slug
    response = client.post(change_url(item), fields)
    assert response.status_code == 302, errors(response)
    item.refresh_from_db()
    assert item.slug == slug


def test_a_changed_statement_slug_redirects_page_pdf_and_press_kit(client, admin_client):
    statement = make_statement(headline_de="Gemeinsame Erklärung")
    old = statement.get_absolute_url()
    assert old == "/de/press/gemeinsame-erklaerung/"
    change_slug_in_admin(admin_client, statement, "erklaerung-nrw")
    for suffix in ("", "pdf/", "press-kit.zip"):
        response = client.get(f"{old}{suffix}")
        assert response.status_code == 301, suffix
        assert response["Location"] == f"/de/press/erklaerung-nrw/{suffix}"
    english = client.get("/en/press/gemeinsame-erklaerung/")
    assert english["Location"] == "/en/press/erklaerung-nrw/"
    assert client.get("/de/press/erklaerung-nrw/").status_code == 200


@pytest.mark.parametrize("kind", ["alliance", "organisation", "news", "article"])
def test_a_changed_slug_redirects_every_kind_of_detail_page(client, kind):
    item = {
        "alliance": lambda: make_alliance(name_de="Alte Allianz"),
        "organisation": lambda: make_organisation(name_de="Alte Allianz"),
        "news": lambda: make_news_item(title_de="Alte Allianz"),
        "article": lambda: Article.objects.create(
            title_de="Alte Allianz", summary_de="Kurz", status=PUBLISHED
        ),
    }[kind]()
    old = item.get_absolute_url()
    item.slug = "neue-allianz"
    item.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()
    assert item.get_absolute_url().endswith("/neue-allianz/")


def test_old_addresses_survive_further_changes_and_key_figures_follow(client):
    alliance = make_alliance(name_de="Erste Allianz")
    for slug in ("zweite-allianz", "dritte-allianz"):
        alliance.slug = slug
        alliance.save()
    for old in ("erste-allianz", "zweite-allianz"):
        response = client.get(f"/de/alliances/{old}/")
        assert (response.status_code, response["Location"]) == (
            301,
            "/de/alliances/dritte-allianz/",
        )
    figures = client.get("/de/alliances/erste-allianz/key-figures.json")
    assert figures["Location"] == "/de/alliances/dritte-allianz/key-figures.json"
    assert json.loads(client.get(figures["Location"]).content)["alliance"] == "Erste Allianz"


def test_a_new_item_does_not_take_an_old_address():
    alliance = make_alliance(name_de="Metallallianz")
    alliance.slug = "metall-allianz"
    alliance.save()
    newcomer = make_alliance(name_de="Metallallianz")
    assert newcomer.slug == "metallallianz-2"


def test_redirects_never_reveal_drafts(client, admin_client):
    statement = make_statement(headline_de="Vertraulich")
    statement.slug = "vertraulich-neu"
    statement.save()
    statement.status = DRAFT
    statement.save()
    for url in ("/de/press/vertraulich/", "/de/press/vertraulich/pdf/"):
        assert client.get(url).status_code == 404
    # Staff who may edit it are led to the preview.
    assert admin_client.get("/de/press/vertraulich/")["Location"] == "/de/press/vertraulich-neu/"


def test_slugs_of_never_public_drafts_are_not_kept():
    statement = make_statement(headline_de="Entwurf eins", status=DRAFT)
    statement.slug = "entwurf-zwei"
    statement.save()
    assert published_slugs(statement) == []
    statement.status = PUBLISHED
    statement.save()
    assert published_slugs(statement) == ["entwurf-zwei"]
    statement.slug = "entwurf-drei"
    statement.save()
    assert published_slugs(statement) == ["entwurf-drei", "entwurf-zwei"]


def test_demo_content_keeps_its_slugs(demo_content):
    assert set(Alliance.objects.values_list("slug", flat=True)) == {
        "deutsche-aluminium-allianz",
        "aluminiumbuendnis-nrw",
        "uk-aluminium-alliance",
        "thementisch-metall",
    }
    assert Organisation.objects.filter(slug="ig-metall").exists()
    assert PressStatement.objects.filter(
        slug="aluminiumbuendnis-nrw-gemeinsame-erklaerung"
    ).exists()


def test_restoring_a_version_with_another_slug_keeps_the_newer_address(client, admin_client):
    alliance = make_alliance(name_de="Erzallianz")
    change_slug_in_admin(admin_client, alliance, "erz-allianz")  # the first version
    change_slug_in_admin(admin_client, alliance, "allianz-der-erze")
    first = Version.objects.get_for_object(alliance).order_by("pk").first()
    assert first.field_dict["slug"] == "erz-allianz"
    url = admin_url(Alliance, "revision", alliance.pk, first.pk)
    assert admin_client.post(url, admin_form(admin_client, url)).status_code == 302
    for old in ("erzallianz", "allianz-der-erze"):
        response = client.get(f"/de/alliances/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/de/alliances/erz-allianz/")
