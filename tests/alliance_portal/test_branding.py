"""Brand colours: the contrast rule, the admin's colour field, /brand.css and the classes
that bring each alliance's colour to its page, its cards and its statements."""

import re

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils import translation

from alliance_portal.models import Alliance
from alliance_portal.publishing.page_cache import current_generation, forget_generation
from alliance_portal.web.branding import (
    contrast_ratio,
    format_ratio,
    make_stylesheet,
    normalise_colour,
    stylesheet_version,
    validate_brand_colour,
)
from tests.admin_forms import admin_form, change_url, errors
from tests.factories import make_alliance, make_news_item, make_statement

pytestmark = pytest.mark.django_db

STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="(/brand\.css(?:\?v=([0-9a-f]+))?)">')


def refusal(colour, language):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        validate_brand_colour(colour)
    with translation.override(language):
        return " ".join(refused.value.messages)


@pytest.fixture
def no_generation():
    """No content generation is current: pages link /brand.css without a version."""
    forget_generation()
    yield
    forget_generation()


# --- The contrast rule --------------------------------------------------------


def test_yellow_is_refused_with_its_ratio_in_english():
    message = refusal("#ffcc00", "en")
    assert message == (
        "White text on #ffcc00 only reaches a contrast ratio of 1.5:1; WCAG AA asks for "
        "at least 4.5:1. Please choose a darker colour."
    )


def test_yellow_is_refused_with_its_ratio_in_german_notation():
    message = refusal("#FC0", "de")
    # The German wording comes with the catalogue; the numbers are German already.
    assert "#ffcc00" in message
    assert "1,5:1" in message
    assert "4,5:1" in message


def test_ratio_is_rounded_down_so_a_refused_colour_never_shows_the_minimum():
    assert 4.47 < contrast_ratio("#777777") < 4.5
    assert "ratio of 4.4:1" in refusal("#777777", "en")
    with translation.override("en"):
        assert format_ratio(4.49) == "4.4"
        assert format_ratio(21) == "21.0"
    with translation.override("de"):
        assert format_ratio(4.49) == "4,4"


def test_dark_colours_pass_and_are_normalised():
    validate_brand_colour("#0b5cad")
    validate_brand_colour("#767676")  # 4.54:1, just enough
    assert round(contrast_ratio("#0b5cad"), 2) == 6.67
    assert round(contrast_ratio("#000000"), 1) == 21.0
    assert normalise_colour(" #0B5CAD ") == "#0b5cad"
    assert normalise_colour("#036") == "#003366"


@pytest.mark.parametrize("value", ["blue", "#12345", "#0b5cadd", "#ggg", "", "rgb(0,0,0)"])
def test_what_is_no_colour_is_refused(value):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            validate_brand_colour(value)
        # The message is lazy: read it in the language it is shown in.
        assert refused.value.messages == [
            "Enter a colour as # and six hexadecimal digits, such as #0b5cad."
        ]


def test_model_stores_lowercase_six_digits_and_defaults_to_the_portal_blue():
    alliance = make_alliance()
    assert alliance.brand_colour == "#0b5cad"
    alliance.brand_colour = "#036"
    alliance.full_clean()
    assert alliance.brand_colour == "#003366"


def test_model_refuses_a_light_colour():
    alliance = make_alliance()
    alliance.brand_colour = "#ffcc00"
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            alliance.full_clean()
        message = refused.value.message_dict["brand_colour"][0]
    assert "only reaches a contrast ratio of 1.5:1" in message


# --- The admin ------------------------------------------------------------------


@pytest.fixture
def english_admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def test_admin_shows_a_colour_picker_and_the_colour_as_text(admin_client):
    alliance = make_alliance(brand_colour="#0f5257")
    html = admin_client.get(change_url(alliance)).content.decode()
    assert '<input type="color" name="brand_colour_picker" value="#0f5257"' in html
    assert re.search(r'<input type="text" name="brand_colour_text" value="#0f5257"', html)
    assert '<label class="required" for="id_brand_colour_1">' in html


def test_admin_refuses_a_light_colour_and_keeps_what_was_typed(english_admin):
    alliance = make_alliance(brand_colour="#0f5257")
    fields = admin_form(english_admin, change_url(alliance))
    fields["brand_colour_text"] = "#FFCC00"
    response = english_admin.post(change_url(alliance), fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert any("only reaches a contrast ratio of 1.5:1" in error for error in errors(response))
    # The text as typed; the picker shows the same colour the way it can.
    assert 'name="brand_colour_text" value="#FFCC00"' in html
    assert 'name="brand_colour_picker" value="#ffcc00"' in html
    alliance.refresh_from_db()
    assert alliance.brand_colour == "#0f5257"


def test_admin_error_gives_the_ratio_the_german_way(admin_client):
    alliance = make_alliance()
    fields = admin_form(admin_client, change_url(alliance))
    fields["brand_colour_text"] = "#ffcc00"
    response = admin_client.post(change_url(alliance), fields, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert any("1,5:1" in error for error in errors(response))


@pytest.mark.parametrize(
    ("changed", "value", "saved"),
    [
        ("brand_colour_text", "#0B3D91", "#0b3d91"),
        ("brand_colour_picker", "#a11d21", "#a11d21"),
        ("brand_colour_text", "#036", "#003366"),
    ],
)
def test_admin_saves_the_colour_from_the_picker_or_the_text(admin_client, changed, value, saved):
    alliance = make_alliance()
    fields = admin_form(admin_client, change_url(alliance))
    fields[changed] = value
    response = admin_client.post(change_url(alliance), fields)
    assert response.status_code == 302, errors(response)
    alliance.refresh_from_db()
    assert alliance.brand_colour == saved


# --- /brand.css -------------------------------------------------------------------


def test_stylesheet_has_each_published_alliance_and_no_draft(client, django_assert_num_queries):
    make_alliance(slug="blau", brand_colour="#0b3d91")
    make_alliance(slug="rot", brand_colour="#a11d21")
    make_alliance(slug="geheim", brand_colour="#0f5257", status=Alliance.Status.DRAFT)
    caches["default"].clear()
    with django_assert_num_queries(1):
        response = client.get("/brand.css")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert ".brand-blau{--brand:#0b3d91}" in css
    assert ".brand-rot{--brand:#a11d21}" in css
    assert "geheim" not in css and "#0f5257" not in css


def test_stylesheet_query_count_does_not_grow(client, django_assert_num_queries):
    for _ in range(2):
        make_alliance()
    caches["default"].clear()
    with django_assert_num_queries(1):
        client.get("/brand.css")
    for _ in range(20):
        make_alliance()
    caches["default"].clear()
    with django_assert_num_queries(1):
        client.get("/brand.css")


def test_stylesheet_under_its_version_is_kept_for_a_year(client):
    make_alliance(slug="blau", brand_colour="#0b3d91")
    version = stylesheet_version(make_stylesheet())
    kept = client.get(f"/brand.css?v={version}")
    assert kept["Cache-Control"] == "public, max-age=31536000, immutable"
    for address in ("/brand.css", "/brand.css?v=0123456789abcdef"):
        asked_again = client.get(address)
        assert asked_again["Cache-Control"] == "public, max-age=0, must-revalidate", address
        assert asked_again.content == kept.content
    assert client.post("/brand.css").status_code == 405


def test_stylesheet_is_made_once_per_content_generation(client, django_assert_num_queries):
    make_alliance(slug="blau", brand_colour="#0b3d91")
    current_generation()  # as the page cache starts it for the first page
    with django_assert_num_queries(1):
        client.get("/brand.css")
    with django_assert_num_queries(0):
        client.get("/brand.css")
    alliance = Alliance.objects.get(slug="blau")
    alliance.brand_colour = "#0f5257"
    alliance.save()
    assert ".brand-blau{--brand:#0f5257}" in client.get("/brand.css").content.decode()


def test_stylesheet_leaves_out_a_slug_that_is_no_class_name():
    make_alliance(slug="gut", brand_colour="#0b3d91")
    bad = make_alliance(slug="gut2")
    Alliance.objects.filter(pk=bad.pk).update(slug="x}body{display:none")
    assert "display" not in make_stylesheet()
    assert Alliance.objects.get(pk=bad.pk).brand_class == ""


# --- The link on every page, and the classes --------------------------------------


def test_pages_link_the_stylesheet_by_the_version_of_the_generation(client):
    make_alliance(slug="blau", brand_colour="#0b3d91")
    current_generation()
    html = client.get("/de/").content.decode()
    link = STYLESHEET_LINK.search(html)
    assert link and link.group(2), html[:2000]
    stylesheet = client.get(link.group(1))
    assert stylesheet["Cache-Control"] == "public, max-age=31536000, immutable"
    assert ".brand-blau{--brand:#0b3d91}" in stylesheet.content.decode()


def test_link_without_a_generation_costs_no_query_and_has_no_version(
    client, no_generation, django_assert_num_queries
):
    make_alliance()
    forget_generation()
    # Alliances, latest news, latest press statements, the footer's legal pages: as
    # without brand colours.
    with django_assert_num_queries(4):
        html = client.get("/de/").content.decode()
    assert STYLESHEET_LINK.search(html).group(1) == "/brand.css"


def test_a_new_colour_gives_the_stylesheet_a_new_version(client):
    alliance = make_alliance(slug="blau", brand_colour="#0b3d91")
    current_generation()
    before = STYLESHEET_LINK.search(client.get("/de/").content.decode()).group(2)
    alliance.brand_colour = "#0f5257"
    alliance.save()
    current_generation()
    after = STYLESHEET_LINK.search(client.get("/de/").content.decode()).group(2)
    assert before != after


def test_alliance_page_card_statement_and_news_carry_the_brand_class(client):
    alliance = make_alliance(slug="blau")
    statement = make_statement(alliance=alliance)
    item = make_news_item(alliances=[alliance])
    assert (
        '<article class="alliance brand-blau">'
        in client.get("/de/alliances/blau/").content.decode()
    )
    assert '<article class="card brand-blau">' in client.get("/de/alliances/").content.decode()
    assert '<article class="card brand-blau">' in client.get("/de/").content.decode()
    statement_html = client.get(statement.get_absolute_url()).content.decode()
    assert '<article class="statement brand-blau">' in statement_html
    assert (
        '<article class="news-item brand-blau">'
        in client.get(item.get_absolute_url()).content.decode()
    )


def test_public_pages_have_no_style_attribute_or_element(client):
    alliance = make_alliance(slug="blau", brand_colour="#0b3d91")
    statement = make_statement(alliance=alliance)
    for url in ("/de/", "/de/alliances/blau/", statement.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<style" not in html and " style=" not in html, url


def test_stylesheet_names_the_site_address_for_printed_links(settings):
    settings.SITE_URL = "https://alliances.example.org"
    assert ':root{--site-url:"https://alliances.example.org"}' in make_stylesheet()
    settings.SITE_URL = ""
    assert "--site-url" not in make_stylesheet()
