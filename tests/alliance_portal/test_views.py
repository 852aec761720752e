import json
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from alliance_portal.models import Alliance, Sector
from members.alliance_page import related_alliances
from tests.factories import make_alliance, make_membership, make_organisation

pytestmark = pytest.mark.django_db


def test_root_redirects_to_a_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").headers["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").headers["Location"] == "/de/"


def test_home_lists_published_alliances_in_each_language(client, demo_content):
    german = client.get("/de/").content.decode()
    english = client.get("/en/").content.decode()
    assert '<html lang="de">' in german and '<html lang="en">' in english
    assert "Deutsche Aluminium-Allianz" in german
    assert "German Aluminium Alliance" in english
    assert "Metals Round Table" in english


def test_home_hides_drafts_and_future_alliances(client):
    make_alliance(name_de="Sichtbare Allianz")
    make_alliance(name_de="Entwurfsallianz", status=Alliance.Status.DRAFT)
    make_alliance(name_de="Künftige Allianz", published_at=timezone.now() + timedelta(hours=1))
    html = client.get("/de/").content.decode()
    assert "Sichtbare Allianz" in html
    assert "Entwurfsallianz" not in html
    assert "Künftige Allianz" not in html


def test_home_query_count_does_not_grow_with_alliances(client, django_assert_num_queries):
    make_alliance()
    # Alliances, latest news, latest press statements, the footer's legal pages.
    with django_assert_num_queries(4):
        client.get("/de/")
    for _ in range(20):
        make_alliance()
    with django_assert_num_queries(4):
        client.get("/de/")


def test_alliance_page_shows_seed_000_facts(client, demo_content):
    html = client.get("/en/alliances/deutsche-aluminium-allianz/").content.decode()
    for fact in (
        "German Aluminium Alliance",
        "IG Metall",
        "Ministry of Economic Affairs of the State of Saarland",
        "Ecological",
        "Economic",
        "Social",
        "a secure, renewable and affordable energy supply",
        "Employees",
    ):
        assert fact in html, fact


def test_draft_alliance_is_404_for_the_public_and_a_preview_for_staff(client, admin_client):
    draft = make_alliance(name_de="Geheime Allianz", status=Alliance.Status.DRAFT)
    url = f"/de/alliances/{draft.slug}/"
    assert client.get(url).status_code == 404
    preview = admin_client.get(url)
    assert preview.status_code == 200
    assert "Geheime Allianz" in preview.content.decode()
    assert 'class="preview-banner"' in preview.content.decode()
    assert "no-store" in preview.headers["Cache-Control"]


def test_unknown_alliance_is_404(client):
    assert client.get("/de/alliances/gibt-es-nicht/").status_code == 404


def test_alliance_page_hides_draft_members(client):
    alliance = make_alliance()
    make_membership(alliance=alliance, organisation=make_organisation(name_de="Öffentlich AG"))
    make_membership(
        alliance=alliance,
        organisation=make_organisation(name_de="Entwurf GmbH", status="draft"),
    )
    html = client.get(alliance.get_absolute_url()).content.decode()
    assert "Öffentlich AG" in html
    assert "Entwurf GmbH" not in html


def test_alliance_page_query_count_does_not_grow(client, django_assert_num_queries):
    def page_with_members(count):
        alliance = make_alliance()
        for _ in range(count):
            make_membership(alliance=alliance)
        return alliance.get_absolute_url()

    small, large = page_with_members(1), page_with_members(20)
    with django_assert_num_queries(12):
        client.get(small)
    with django_assert_num_queries(12):
        client.get(large)


def test_related_alliances_share_most_members_then_the_sector(client):
    metal, glass = (Sector.objects.create(name=name, slug=name) for name in ("Metall", "Glas"))
    alliance = make_alliance(name_de="Hauptallianz", sector=metal)
    members = [make_organisation() for _ in range(3)]
    for organisation in members:
        make_membership(alliance=alliance, organisation=organisation)

    def other(name, sector, shared, **overrides):
        other = make_alliance(name_de=name, sector=sector, **overrides)
        for organisation in members[:shared]:
            make_membership(alliance=other, organisation=organisation)
        make_membership(alliance=other)  # a member of its own
        return other

    other("Zwei gemeinsam", glass, 2)
    other("Eins gemeinsam", glass, 1)
    other("Metall B", metal, 0)
    other("Metall A", metal, 0)
    other("Glas ohne", glass, 0)
    other("Entwurf mit allen", metal, 3, status=Alliance.Status.DRAFT)
    html = client.get(alliance.get_absolute_url()).content.decode()
    related = html.split('id="related-heading"')[1].split("</section>")[0]
    shown = [link.split("</a>")[0].split(">")[-1] for link in related.split("<a ")[1:]]
    assert shown == ["Zwei gemeinsam", "Eins gemeinsam", "Metall A", "Metall B"]


def test_related_alliances_of_an_alliance_without_members_share_its_sector(db):
    metal = Sector.objects.create(name="Metall", slug="metall")
    alone = make_alliance(sector=metal)
    alone.public_memberships = []
    same_sector = make_alliance(sector=metal)
    make_alliance()
    assert related_alliances(alone) == [same_sector]


def test_healthz_reports_the_database_and_the_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response.headers["Content-Type"] == "application/json"


def test_not_found_page_is_friendly_in_both_languages(client, db):
    german = client.get("/de/alliances/gibt-es-nicht/")
    english = client.get("/en/alliances/does-not-exist/")
    assert (german.status_code, english.status_code) == (404, 404)
    assert "Seite nicht gefunden" in german.content.decode()
    assert "Page not found" in english.content.decode()


def test_server_error_page_renders_without_a_database(rf):
    from django.views.defaults import server_error

    # LocaleMiddleware has activated the visitor's language before any error.
    with translation.override("de"):
        response = server_error(rf.get("/de/"))
    assert response.status_code == 500
    assert "Etwas ist schiefgelaufen" in response.content.decode()
    with translation.override("en"):
        assert "Something went wrong" in server_error(rf.get("/en/")).content.decode()


def test_alliance_list_filters_by_kind_country_and_sector(client, demo_content):
    def slugs(**filters):
        response = client.get("/en/alliances/", filters)
        return [alliance.slug for alliance in response.context["alliances"]]

    # Sorted by the name the visitor reads: German Aluminium…, Metals…, North Rhine…, UK…
    assert slugs() == [
        "deutsche-aluminium-allianz",
        "thementisch-metall",
        "aluminiumbuendnis-nrw",
        "uk-aluminium-alliance",
    ]
    assert slugs(kind="working_group") == ["thementisch-metall"]
    assert slugs(country="GB") == ["uk-aluminium-alliance"]
    assert slugs(sector="metall") == ["thementisch-metall"]
    assert slugs(kind="regional_alliance", sector="aluminium") == ["aluminiumbuendnis-nrw"]
    # A kind the page does not offer is not a filter: the page says so (issue 13).
    unknown = client.get("/en/alliances/", {"kind": "no-such-kind"})
    assert unknown.status_code == 400
    assert "<code>kind</code> is “no-such-kind”" in unknown.content.decode()
    html = client.get("/en/alliances/", {"country": "GB"}).content.decode()
    assert '<option value="GB" selected>United Kingdom</option>' in html
    assert "Metals Round Table" not in html


def test_alliance_list_hides_drafts_and_answers_404_past_the_last_page(client):
    make_alliance(name_de="Öffentliche Allianz")
    make_alliance(name_de="Entwurfsallianz", status=Alliance.Status.DRAFT)
    html = client.get("/de/alliances/").content.decode()
    assert "Öffentliche Allianz" in html and "Entwurfsallianz" not in html
    assert client.get("/de/alliances/", {"page": "99"}).status_code == 404


def test_alliance_list_query_count_does_not_grow(client, django_assert_num_queries):
    make_alliance()
    with django_assert_num_queries(5):
        client.get("/de/alliances/")
    for _ in range(40):
        make_alliance()
    with django_assert_num_queries(5):
        client.get("/de/alliances/")


def test_a_large_alliance_lists_its_first_members_and_links_to_all(client):
    from members.alliance_page import MEMBERS_SHOWN

    alliance = make_alliance()
    founder = make_organisation(name_de="Gründerin AG")
    for number in range(MEMBERS_SHOWN + 5):
        make_membership(
            alliance=alliance,
            organisation=make_organisation(name_de=f"Mitglied {number:03d}"),
            position=number,
        )
    make_membership(alliance=alliance, organisation=founder, role="founder", position=999)
    make_membership(
        alliance=alliance, organisation=make_organisation(name_de="Entwurf", status="draft")
    )

    html = client.get(alliance.get_absolute_url()).content.decode()
    # Founders come first, whatever their position; then members up to the limit.
    assert html.index("Gründerin AG") < html.index("Mitglied 000")
    assert f"Mitglied {MEMBERS_SHOWN - 2:03d}" in html
    assert f"Mitglied {MEMBERS_SHOWN - 1:03d}" not in html
    total = MEMBERS_SHOWN + 6
    link = f'<a href="/de/organisations/?alliance={alliance.slug}">Alle {total} Mitglieder</a>'
    assert link in html

    listing = client.get("/de/organisations/", {"alliance": alliance.slug})
    assert listing.context["paginator"].count == total
    assert f"Mitglieder von {alliance.name}" in listing.content.decode()
    assert client.get("/de/organisations/", {"alliance": "gibt-es-nicht"}).status_code == 404


def test_related_alliances_share_members_first_then_the_sector(client):
    from alliance_portal.models import Sector
    from members.alliance_page import related_alliances

    sector = Sector.objects.create(name_de="Metall", slug="metall-test")
    alliance = make_alliance(sector=sector)
    shared = [make_organisation() for _ in range(3)]
    for organisation in shared:
        make_membership(alliance=alliance, organisation=organisation)
    two_shared = make_alliance(name_de="Zwei gemeinsam")
    one_shared = make_alliance(name_de="Eins gemeinsam")
    hidden = make_alliance(name_de="Entwurf gemeinsam", status="draft")
    for organisation in shared[:2]:
        make_membership(alliance=two_shared, organisation=organisation)
        make_membership(alliance=hidden, organisation=organisation)
    make_membership(alliance=one_shared, organisation=shared[2])
    make_alliance(name_de="Gleiche Branche", sector=sector)
    make_alliance(name_de="Auch gleiche Branche", sector=sector)
    make_alliance(name_de="Andere Branche")

    names = [other.name for other in related_alliances(alliance)]
    assert names == ["Zwei gemeinsam", "Eins gemeinsam", "Auch gleiche Branche", "Gleiche Branche"]


def alliance_with_hero(**credits):
    from django.core.files.base import ContentFile

    from tests.upload_files import image_bytes

    alliance = make_alliance(slug="mit-bild", hero_image_alt_de="Eine Halle", **credits)
    alliance.hero_image.save("hero.png", ContentFile(image_bytes()), save=True)
    return alliance


def test_hero_image_shows_caption_credit_and_licence_in_a_figure(client):
    alliance_with_hero(
        hero_image_caption_de="Die Gießerei in Neuss",
        hero_image_caption_en="The foundry in Neuss",
        hero_image_credit="Erika Muster / Speira",
        hero_image_licence="CC BY 4.0",
        hero_image_licence_url="https://creativecommons.org/licenses/by/4.0/",
    )
    html = client.get("/en/alliances/mit-bild/").content.decode()
    figure = html[html.index('<figure class="hero-figure">') : html.index("</figure>")]
    assert 'class="hero-image"' in figure
    caption = figure[figure.index("<figcaption") : figure.index("</figcaption>")]
    assert '<span class="caption">The foundry in Neuss</span>' in caption
    assert '<span class="credit">Photo: Erika Muster / Speira</span>' in caption
    assert (
        '<span class="licence"><a href="https://creativecommons.org/licenses/by/4.0/" '
        'rel="license">CC BY 4.0</a></span>'
    ) in caption
    assert caption.count(" · ") == 2


def test_hero_caption_falls_back_to_german_and_credit_alone_has_no_separator(client):
    alliance_with_hero(hero_image_caption_de="Die Gießerei in Neuss")
    english = client.get("/en/alliances/mit-bild/").content.decode()
    assert 'lang="de" class="fallback">Die Gießerei in Neuss' in english
    alliance = Alliance.objects.get(slug="mit-bild")
    Alliance.objects.filter(pk=alliance.pk).update(
        hero_image_caption_de="", hero_image_credit="Erika Muster"
    )
    html = client.get("/de/alliances/mit-bild/").content.decode()
    caption = html[html.index("<figcaption") : html.index("</figcaption>")]
    assert "Erika Muster" in caption and "·" not in caption


def test_hero_image_without_credits_has_no_caption(client):
    alliance_with_hero()
    html = client.get("/de/alliances/mit-bild/").content.decode()
    assert '<figure class="hero-figure">' in html
    assert "<figcaption" not in html


def test_hero_caption_is_translated_and_credit_is_not():
    alliance = make_alliance(
        hero_image_caption_de="Die Halle", hero_image_caption_en="The hall", hero_image_credit="X"
    )
    alliance.refresh_from_db()
    with translation.override("en"):
        assert (alliance.hero_image_caption, alliance.hero_image_credit) == ("The hall", "X")
    with translation.override("de"):
        assert (alliance.hero_image_caption, alliance.hero_image_credit) == ("Die Halle", "X")
    assert not hasattr(alliance, "hero_image_credit_en")
