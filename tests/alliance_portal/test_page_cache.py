"""The page cache: anonymous visitors get cached pages, and never a stale one."""

import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from alliance_portal.models import Alliance, Goal
from alliance_portal.publishing import page_cache
from members.models import Organisation
from news.models import NewsItem
from statements.models import PressStatement, PreviewLink
from tests.admin_forms import admin_form, change_url, errors
from tests.factories import make_alliance, make_goal, make_statement

pytestmark = pytest.mark.django_db

DAA = "/de/alliances/deutsche-aluminium-allianz/"
STATEMENT = "/de/press/aluminiumbuendnis-nrw-gemeinsame-erklaerung/"
PUBLIC_PAGES = [
    "/de/",
    "/en/alliances/",
    DAA,
    "/de/organisations/",
    "/de/organisations/ig-metall/",
    "/de/news/",
    "/de/news/alfed-gruendet-uk-aluminium-alliance/",
    "/de/press/",
    STATEMENT,
    STATEMENT + "pdf/",
    "/de/feeds/press/",
    "/en/feeds/news/atom/",
    "/de/search/?q=Aluminium",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The cache as in production, empty at the start of each test."""
    settings.PAGE_CACHE_SECONDS = 600
    for alias in ("default", "coordination"):
        caches[alias].clear()


def visit(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def text(response):
    return response.content.decode()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_is_served_from_the_cache_without_queries(
    client, demo_content, url, django_assert_num_queries
):
    first = visit(client, url)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = visit(client, url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Nothing personal in a page that everybody gets: no cookie at all.
    assert not first.cookies and not second.cookies


def test_editing_a_goal_in_the_admin_shows_on_the_cached_page_at_once(demo_content, admin_client):
    visitor = Client()
    assert "Ökologisch" in text(visit(visitor, DAA))
    assert visit(visitor, DAA)["X-Cache"] == "hit"

    alliance = Alliance.objects.get(slug="deutsche-aluminium-allianz")
    goal = Goal.objects.get(alliance=alliance, title_de="Ökologisch")
    fields = admin_form(admin_client, change_url(alliance))
    prefix = next(
        name.removesuffix("-id")
        for name, value in fields.items()
        if name.startswith("goals-") and name.endswith("-id") and value == str(goal.pk)
    )
    fields[f"{prefix}-title_de"] = "Ökologisch und kreislauffähig"
    response = admin_client.post(change_url(alliance), fields)
    assert response.status_code == 302, errors(response)

    page = visit(visitor, DAA)
    assert page["X-Cache"] == "miss"
    assert "Ökologisch und kreislauffähig" in text(page)


def test_changes_through_relations_drop_the_cached_pages(client, demo_content):
    """A membership's organisation renamed, a news item linked: each shows at once."""
    visit(client, DAA)
    organisation = Organisation.objects.get(slug="ig-metall")
    organisation.name_de = "IG Metall (umbenannt)"
    organisation.save()
    assert "IG Metall (umbenannt)" in text(visit(client, DAA))

    news = NewsItem.objects.published().exclude(alliances__slug="thementisch-metall").first()
    feed = "/de/feeds/thementisch-metall/news/"
    assert news.title not in text(visit(client, feed))
    news.alliances.add(Alliance.objects.get(slug="thementisch-metall"))  # m2m_changed
    assert news.title in text(visit(client, feed))

    goal = make_goal(alliance=Alliance.objects.get(slug="deutsche-aluminium-allianz"))
    assert goal.title in text(visit(client, DAA))
    goal.delete()
    assert goal.title not in text(visit(client, DAA))


def test_the_statement_pdf_follows_a_renamed_organisation(client, demo_content):
    """The PDF's own cache used to key on the statement alone."""
    statement = PressStatement.objects.get(slug="aluminiumbuendnis-nrw-gemeinsame-erklaerung")
    before = visit(client, STATEMENT + "pdf/").content
    signatory = statement.signatories.first()
    signatory.name_de = "Umbenannte Organisation"
    signatory.save()
    after = visit(client, STATEMENT + "pdf/")
    assert after["X-Cache"] == "miss"
    assert after.content != before


def test_a_scheduled_statement_appears_on_cached_pages_at_its_release_time(client):
    alliance = make_alliance()
    release = timezone.now() + timedelta(hours=2)
    statement = make_statement(
        headline_de="Sperrfrist bis zwei Uhr",
        dateline_place_de="Berlin",
        body_de="<p>Text</p>",
        alliance=alliance,
        status=PressStatement.Status.PUBLISHED,
        published_at=release,
    )
    assert "Sperrfrist bis zwei Uhr" not in text(visit(client, "/de/press/"))
    assert visit(client, "/de/press/")["X-Cache"] == "hit"
    assert client.get(statement.get_absolute_url()).status_code == 404

    with time_machine.travel(release + timedelta(seconds=1)):
        listing = visit(client, "/de/press/")
        assert listing["X-Cache"] == "miss"
        assert "Sperrfrist bis zwei Uhr" in text(listing)
        assert visit(client, statement.get_absolute_url()).status_code == 200


def test_an_item_leaves_cached_pages_at_its_unpublish_time(client):
    alliance = make_alliance(
        name_de="Befristete Allianz", unpublish_at=timezone.now() + timedelta(hours=1)
    )
    assert "Befristete Allianz" in text(visit(client, "/de/alliances/"))
    assert visit(client, alliance.get_absolute_url())["X-Cache"] == "miss"
    assert visit(client, alliance.get_absolute_url())["X-Cache"] == "hit"

    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1)):
        assert "Befristete Allianz" not in text(visit(client, "/de/alliances/"))
        assert client.get(alliance.get_absolute_url()).status_code == 404


def test_staff_are_never_served_nor_cause_cached_pages(client, admin_client):
    draft = make_alliance(name_de="Entwurf der Woche", status=Alliance.Status.DRAFT)
    preview = admin_client.get(draft.get_absolute_url())
    assert "Entwurf der Woche" in text(preview)
    assert "X-Cache" not in preview
    assert client.get(draft.get_absolute_url()).status_code == 404

    visit(client, "/de/alliances/")
    staff_view = admin_client.get("/de/alliances/")
    assert "X-Cache" not in staff_view


def test_preview_links_are_never_cached(client, demo_content, admin_user):
    statement = PressStatement.objects.get(slug="aluminiumbuendnis-nrw-gemeinsame-erklaerung")
    statement.published_at = timezone.now() + timedelta(days=1)
    statement.save()
    link = PreviewLink.objects.create(
        statement=statement, recipient="Redaktion", expires_at=timezone.now() + timedelta(days=2)
    )
    for url in (link.get_absolute_url(), link.get_absolute_url() + "pdf/"):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200
            assert response["X-Cache"] == "miss"
            assert "no-store" in response["Cache-Control"]
    link.revoked_at = timezone.now()
    link.save()
    assert client.get(link.get_absolute_url()).status_code == 404


def rename_statement():
    statement = PressStatement.objects.get(slug="aluminiumbuendnis-nrw-gemeinsame-erklaerung")
    statement.headline_de = "Eine neue Überschrift"
    statement.save()


def rename_goal():
    goal = Goal.objects.filter(alliance__slug="deutsche-aluminium-allianz").first()
    goal.title_de = "Ein neues Ziel"
    goal.save()


@pytest.mark.parametrize(
    "url, change",
    [
        (DAA, rename_goal),
        ("/de/feeds/press/", rename_statement),
        (STATEMENT + "pdf/", rename_statement),
    ],
)
def test_pages_feeds_and_pdfs_answer_conditional_requests_with_304(
    client, demo_content, url, change
):
    first = visit(client, url)
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    etag, last_modified = first["ETag"], first["Last-Modified"]

    for headers in ({"If-None-Match": etag}, {"If-Modified-Since": last_modified}):
        again = visit(client, url, **headers)
        assert again.status_code == 304, headers
        assert again.content == b""
        assert again["ETag"] == etag

    # Saving without a change keeps the ETag (it is the content's digest)…
    Goal.objects.first().save()
    assert visit(client, url, **{"If-None-Match": etag}).status_code == 304
    # …a change the page shows gives it a new one.
    change()
    changed = visit(client, url, **{"If-None-Match": etag})
    assert changed.status_code == 200 and changed["X-Cache"] == "miss"


def test_304_also_without_the_page_cache(client, demo_content, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = visit(client, DAA)
    assert "X-Cache" not in first
    assert visit(client, DAA, **{"If-None-Match": first["ETag"]}).status_code == 304


def test_a_broken_cache_does_not_break_the_site(client, demo_content, settings):
    unreachable = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
    settings.CACHES = {"default": unreachable, "coordination": unreachable}
    response = client.get(DAA)
    assert response.status_code == 200
    assert "Deutsche Aluminium-Allianz" in text(response)


def test_a_change_in_another_process_reaches_this_one(client, demo_content):
    """gunicorn workers share the generation (file cache, or Redis), not their pages."""
    visit(client, DAA)
    assert visit(client, DAA)["X-Cache"] == "hit"
    other_worker = (
        "import django; django.setup(); "
        "from alliance_portal.publishing.page_cache import forget_generation; forget_generation()"
    )
    subprocess.run(
        [sys.executable, "-c", other_worker],
        check=True,
        cwd=django_settings.BASE_DIR,
        env={
            "DJANGO_SETTINGS_MODULE": "alliance_portal.settings",
            "DJANGO_DEBUG": "1",
            "DJANGO_CACHE_DIR": str(caches["coordination"]._dir),
            "PATH": "/usr/bin:/bin",
        },
    )
    assert visit(client, DAA)["X-Cache"] == "miss"


def test_page_key_keeps_languages_and_queries_apart(rf):
    generation = {"token": "t", "changed_at": 0, "valid_until": None}

    def key(path, **headers):
        return page_cache.page_key(rf.get(path, headers=headers), generation)

    assert key("/de/news/") != key("/en/news/")
    assert key("/de/news/?page=2") != key("/de/news/?page=3")
    # Language-prefixed pages do not depend on the browser's language…
    assert key("/de/news/", accept_language="en") == key("/de/news/", accept_language="de")
    # …pages without a prefix may.
    assert key("/sitemap.xml", accept_language="en") != key("/sitemap.xml", accept_language="de")


def test_page_key_keeps_hosts_and_schemes_apart(rf, settings):
    """Pages carry absolute canonical and hreflang URLs of the host asked for."""
    settings.ALLOWED_HOSTS = ["alliances.example.org", "www.alliances.example.org"]
    generation = {"token": "t", "changed_at": 0, "valid_until": None}

    def key(host, secure=False):
        return page_cache.page_key(rf.get("/de/", HTTP_HOST=host, secure=secure), generation)

    assert key("alliances.example.org") != key("www.alliances.example.org")
    assert key("alliances.example.org") != key("alliances.example.org", secure=True)


def test_a_forged_host_gets_a_400_even_for_a_cached_page(client, demo_content):
    visit(client, "/de/")
    forged = client.get("/de/", headers={"host": "evil.example"})
    assert forged.status_code == 400
    assert b"evil.example" not in visit(client, "/de/").content


def page_entries():
    return [key for key in caches["default"]._cache if "page-cache:page:" in key]


def test_tracking_parameters_and_host_ports_make_no_new_entry(client, demo_content, settings):
    """With the site's address configured, a page is kept once: whatever tracking tags
    it is asked with, and whether the Host names a port."""
    settings.SITE_URL = "https://alliances.example.org"
    settings.ALLOWED_HOSTS = ["alliances.example.org", "x.example"]
    news = "/de/news/?year=2021"
    first = visit(client, news, host="alliances.example.org")
    assert first["X-Cache"] == "miss"
    for number in range(100):
        tagged = f"{news}&utm_source=mail-{number}&utm_campaign=c{number}&fbclid={number}"
        assert visit(client, tagged, host="alliances.example.org")["X-Cache"] == "hit"
    for port in ("443", "8443"):
        assert visit(client, news, host=f"alliances.example.org:{port}")["X-Cache"] == "hit"
    # Declared parameters in another order are the same page, too.
    assert visit(client, "/de/news/?page=1&year=2021", host="x.example")
    assert visit(client, "/de/news/?year=2021&page=1", host="x.example")["X-Cache"] == "hit"
    assert len(page_entries()) == 2  # ?year=2021, and ?year=2021&page=1
    html = text(first)
    assert '<link rel="canonical" href="https://alliances.example.org/de/news/">' in html
    assert (
        '<link rel="alternate" hreflang="en" href="https://alliances.example.org/en/news/">' in html
    )
    assert 'href="/en/news/?year=2021"' in html  # the language switch keeps the filter
    assert "utm_source" not in text(
        visit(client, f"{news}&utm_source=x", host="alliances.example.org")
    )


def test_a_forged_host_gets_a_400_with_the_site_address_configured(client, demo_content, settings):
    settings.SITE_URL = "https://alliances.example.org"
    settings.ALLOWED_HOSTS = ["alliances.example.org"]
    visit(client, "/de/", host="alliances.example.org")
    assert client.get("/de/", headers={"host": "evil.example"}).status_code == 400
    assert len(page_entries()) == 1


def test_invalid_parameters_are_not_cached(client, demo_content):
    for _ in range(2):
        response = client.get("/de/news/", {"year": "²"})
        assert response.status_code == 400
        assert "X-Cache" not in response
    assert page_entries() == []


def test_feeds_sitemaps_and_robots_name_the_configured_site(client, demo_content, settings):
    settings.SITE_URL = "https://alliances.example.org"
    settings.ALLOWED_HOSTS = ["alliances.example.org", "127.0.0.1"]
    for path in ("/de/feeds/press/", "/sitemap.xml", "/sitemap-press.xml", "/robots.txt"):
        body = text(visit(client, path, host="127.0.0.1:8000"))
        assert "https://alliances.example.org/" in body, path
        assert "127.0.0.1" not in body, path
