"""Nothing that is not public is reachable by the public, through any door.

Drafts, scheduled items (publish time to come) and expired items (unpublish
time passed) are all hidden; scheduled items appear and expired ones vanish by
themselves, because every public query compares with the current time.
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from alliance_portal.models import Alliance, KeyFigure
from alliance_portal.publishing.models import Publishable
from members.models import Membership, Organisation
from news.models import Article, NewsItem
from statements.models import Quote
from tests.admin_forms import admin_form, admin_url, errors
from tests.factories import make_news_item, make_statement

pytestmark = pytest.mark.django_db

NRW = "aluminiumbuendnis-nrw"
HOUR = timedelta(hours=1)


def window(state):
    """Publication fields that put a new item into `state`."""
    now = timezone.now()
    published = Publishable.Status.PUBLISHED
    past, recently, soon = now - 6 * HOUR, now - HOUR, now + HOUR
    return {
        "draft": {"status": Publishable.Status.DRAFT, "published_at": now - HOUR},
        "scheduled": {"status": published, "published_at": now + 6 * HOUR},
        "expired": {"status": published, "published_at": past, "unpublish_at": recently},
        "expiring": {"status": published, "published_at": past, "unpublish_at": soon},
    }[state]


def both_languages(url):
    return [url, url.replace("/de/", "/en/", 1)]


def make_hidden_alliance(state):
    alliance = Alliance.objects.create(
        name_de="Geheimallianz Zeitplan", summary_de="Noch nicht öffentlich.", **window(state)
    )
    KeyFigure.objects.create(alliance=alliance, label_de="Geheimzahl", value=7, year=2025)
    url = alliance.get_absolute_url()
    return alliance, {
        "page": (both_languages(url), None),
        "key figures CSV": ([f"{url}key-figures.csv"], None),
        "key figures JSON": ([f"{url}key-figures.json"], None),
        "news feed": ([f"/de/feeds/{alliance.slug}/news/"], None),
        "press feed": ([f"/de/feeds/{alliance.slug}/press/atom/"], None),
        "list": (["/de/alliances/", "/en/alliances/"], "Geheimallianz"),
        "home": (["/de/"], "Geheimallianz"),
        "search": (["/de/search/?q=Geheimallianz"], f'href="{url}"'),
        "sitemap": (["/sitemap-alliances.xml"], alliance.slug),
    }


def make_hidden_organisation(state):
    organisation = Organisation.objects.create(
        name_de="Geheimfirma Zeitplan", kind=Organisation.Kind.COMPANY, **window(state)
    )
    Membership.objects.create(alliance=Alliance.objects.get(slug=NRW), organisation=organisation)
    url = organisation.get_absolute_url()
    return organisation, {
        "page": (both_languages(url), None),
        "list": (["/de/organisations/"], "Geheimfirma"),
        "alliance page": ([f"/de/alliances/{NRW}/"], "Geheimfirma"),
        "search": (["/de/search/?q=Geheimfirma"], f'href="{url}"'),
        "sitemap": (["/sitemap-organisations.xml"], organisation.slug),
    }


def make_hidden_news(state):
    item = make_news_item(
        title_de="Geheimmeldung Zeitplan",
        teaser_de="Noch nicht öffentlich.",
        alliances=[Alliance.objects.get(slug=NRW)],
        **window(state),
    )
    url = item.get_absolute_url()
    return item, {
        "page": (both_languages(url), None),
        "list": (["/de/news/"], "Geheimmeldung"),
        "home": (["/de/"], "Geheimmeldung"),
        "alliance page": ([f"/de/alliances/{NRW}/"], "Geheimmeldung"),
        "search": (["/de/search/?q=Geheimmeldung"], f'href="{url}"'),
        "feed": (["/de/feeds/news/", "/en/feeds/news/atom/"], "Geheimmeldung"),
        "alliance feed": ([f"/de/feeds/{NRW}/news/"], "Geheimmeldung"),
        "sitemap": (["/sitemap-news.xml"], item.slug),
    }


def make_hidden_article(state):
    article = Article.objects.create(
        title_de="Geheimartikel Zeitplan", summary_de="Noch nicht öffentlich.", **window(state)
    )
    url = article.get_absolute_url()
    return article, {
        "page": (both_languages(url), None),
        "news list": (["/de/news/"], "Geheimartikel"),
        "search": (["/de/search/?q=Geheimartikel"], f'href="{url}"'),
        "sitemap": (["/sitemap-articles.xml"], article.slug),
    }


def make_hidden_statement(state):
    statement = make_statement(
        headline_de="Geheimerklärung Zeitplan",
        dateline_place_de="Essen",
        body_de="Noch nicht öffentlich.",
        alliance=Alliance.objects.get(slug=NRW),
        **window(state),
    )
    ig_metall = Organisation.objects.get(slug="ig-metall")
    Quote.objects.create(statement=statement, text_de="Geheimzitat", organisation=ig_metall)
    url = statement.get_absolute_url()
    return statement, {
        "page": (both_languages(url), None),
        "PDF": (both_languages(f"{url}pdf/"), None),
        "press kit": ([f"{url}press-kit.zip"], None),
        "list": (["/de/press/"], "Geheimerklärung"),
        "home": (["/de/"], "Geheimerklärung"),
        "alliance page": ([f"/de/alliances/{NRW}/"], "Geheimerklärung"),
        "organisation page": (["/de/organisations/ig-metall/"], "Geheimzitat"),
        "search": (["/de/search/?q=Geheimerklärung"], f'href="{url}"'),
        "feed": (["/de/feeds/press/"], "Geheimerklärung"),
        "alliance feed": ([f"/de/feeds/{NRW}/press/atom/"], "Geheimerklärung"),
        "sitemap": (["/sitemap-press.xml"], statement.slug),
    }


MAKERS = {
    "alliance": make_hidden_alliance,
    "organisation": make_hidden_organisation,
    "news item": make_hidden_news,
    "article": make_hidden_article,
    "statement": make_hidden_statement,
}


def assert_hidden(client, doors):
    for door, (urls, marker) in doors.items():
        for url in urls:
            response = client.get(url)
            if marker is None:
                assert response.status_code == 404, (door, url)
            else:
                assert response.status_code == 200, (door, url)
                assert marker not in response.content.decode(), (door, url)


def assert_shown(client, doors):
    for door, (urls, marker) in doors.items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (door, url)
            if marker is not None:
                assert marker in response.content.decode(), (door, url)


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize("state", ["draft", "scheduled", "expired"])
def test_anonymous_visitors_never_reach_hidden_items(client, demo_content, kind, state):
    _, doors = MAKERS[kind](state)
    assert_hidden(client, doors)


@pytest.mark.parametrize("kind", MAKERS)
def test_a_scheduled_item_appears_by_itself(client, demo_content, kind):
    item, doors = MAKERS[kind]("scheduled")
    with time_machine.travel(item.published_at + timedelta(seconds=1)):
        assert_shown(client, doors)


@pytest.mark.parametrize("kind", MAKERS)
def test_an_item_disappears_by_itself_at_its_unpublish_time(client, demo_content, kind):
    item, doors = MAKERS[kind]("expiring")
    assert_shown(client, doors)
    with time_machine.travel(item.unpublish_at + timedelta(seconds=1)):
        assert_hidden(client, doors)


@pytest.mark.parametrize(
    ("state", "banner"),
    [
        ("draft", "Preview of a draft: this page is not public."),
        ("scheduled", "Preview: scheduled, public from"),
        ("expired", "Preview: unpublished since"),
    ],
)
def test_staff_preview_hidden_pages_with_a_banner_saying_why(
    publisher_client, demo_content, state, banner
):
    item, _ = make_hidden_news(state)
    response = publisher_client.get(item.get_absolute_url().replace("/de/", "/en/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<p class="preview-banner" role="status">{banner}' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in response["Cache-Control"]
    # The admin links to that preview from the item's page.
    change_form = publisher_client.get(admin_url(NewsItem, "change", item.pk)).content.decode()
    assert f'href="{item.get_absolute_url()}"' in change_form
    assert "a preview, marked as such; the public gets a 404" in change_form


def test_a_statement_under_embargo_says_so_in_the_preview(publisher_client, demo_content):
    statement, _ = make_hidden_statement("scheduled")
    html = publisher_client.get(statement.get_absolute_url()).content.decode()
    assert "Sperrfrist bis" in html


def test_unpublish_time_must_come_after_publish_time(publisher_client):
    url = admin_url(NewsItem, "add")
    fields = admin_form(publisher_client, url)
    fields.update(
        {
            "title_de": "Meldung",
            "teaser_de": "Kurz.",
            "published_at_0": "2026-12-01",
            "published_at_1": "10:00:00",
            "unpublish_at_0": "2026-11-30",
            "unpublish_at_1": "10:00:00",
        }
    )
    response = publisher_client.post(url, fields)
    assert response.status_code == 200
    assert "The unpublish time must be after the publish time." in errors(response)[0]
    assert not NewsItem.objects.filter(title_de="Meldung").exists()
