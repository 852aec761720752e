from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories import make_alliance, make_news_item

pytestmark = pytest.mark.django_db


def make_news(title, published_at, alliance=None, status="published"):
    return make_news_item(
        title_de=title,
        teaser_de="Kurz",
        status=status,
        published_at=published_at,
        alliances=[] if alliance is None else [alliance],
    )


def test_news_filters_offer_only_years_and_alliances_with_public_news(client):
    with_news, without_news = make_alliance(name_de="Mit Meldungen"), make_alliance()
    draft_only = make_alliance(name_de="Nur Entwürfe")
    make_news("Alt", datetime(2019, 3, 1, 12, tzinfo=UTC), with_news)
    make_news("Neu", datetime(2021, 3, 1, 12, tzinfo=UTC), with_news)
    make_news("Entwurf", datetime(2020, 3, 1, 12, tzinfo=UTC), draft_only, status="draft")
    make_news("Später", timezone.now() + timedelta(days=1), without_news)
    context = client.get("/de/news/").context
    assert context["years"] == [2021, 2019]
    assert list(context["alliances"]) == [(with_news.slug, with_news.name)]


def test_alliance_filter_names_alliances_in_the_visitors_language_and_keeps_the_choice(client):
    yesterday = timezone.now() - timedelta(days=1)
    chosen = make_alliance(name_de="Bündnis <A&B>", name_en="Alliance <A&B>")
    german_only = make_alliance(name_de="Nur Deutsch", name_en="")
    make_news("Eins", yesterday, chosen)
    make_news("Zwei", yesterday, german_only)
    html = client.get("/en/news/", {"alliance": chosen.slug}).content.decode()
    assert f'<option value="{chosen.slug}" selected>Alliance &lt;A&amp;B&gt;</option>' in html
    assert f'<option value="{german_only.slug}">Nur Deutsch</option>' in html
    html = client.get("/de/news/").content.decode()
    assert f'<option value="{chosen.slug}">Bündnis &lt;A&amp;B&gt;</option>' in html
    assert " selected>" not in html.split('id="filter-alliance"')[1].split("</select>")[0]


def test_news_list_pages_to_the_oldest_item_in_order(client):
    start = timezone.now() - timedelta(days=100)
    for day in range(45):
        make_news(f"Meldung {day:02d}", start + timedelta(days=day))
    last = client.get("/de/news/", {"page": "last"})
    assert [item.title for item in last.context["news_items"]] == [
        f"Meldung {day:02d}" for day in (4, 3, 2, 1, 0)
    ]
    assert last.context["page_obj"].number == 3
    second = client.get("/de/news/", {"page": 2}).context["news_items"]
    assert [item.title for item in second][:2] == ["Meldung 24", "Meldung 23"]
    assert client.get("/de/news/", {"page": 4}).status_code == 404
