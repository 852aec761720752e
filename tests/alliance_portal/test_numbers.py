"""Numbers typed in the admin the way each language writes them (publishing/numbers.py)."""

from decimal import Decimal

import pytest
from django.utils import translation

from alliance_portal.models import Alliance, KeyFigure
from alliance_portal.publishing.numbers import (
    LocalizedDecimalField,
    LocalizedIntegerField,
    format_number,
    parse_number,
)
from tests.admin_forms import admin_form, change_url, errors

GERMAN_ACCEPTED = [
    ("21.500", "21500"),
    ("87,5", "87.5"),
    ("1.234.567,89", "1234567.89"),
    ("1234567,89", "1234567.89"),
    ("2024", "2024"),
    ("0", "0"),
    ("0,05", "0.05"),
    ("-3,5", "-3.5"),
    ("−3,5", "-3.5"),  # the minus sign Word writes
    ("+7", "7"),
    ("21 500", "21500"),
    ("21\u00a0500", "21500"),  # no-break space
    ("21\u202f500", "21500"),  # narrow no-break space (DIN 5008)
    ("  87,5  ", "87.5"),
    ("22.500.000.000", "22500000000"),
    ("1.000,000", "1000"),
    ("21,500", "21.5"),  # in German the comma is the decimal point
    ("100", "100"),
    ("007", "7"),
    ("999.999", "999999"),
]
GERMAN_REFUSED = [
    "zwölf",
    "21.50",
    "21.5000",
    "1.23.456",
    "1e5",
    "87,5 %",
    "22,5 Mrd.",
    "€ 100",
    ",5",
    "5,",
    "1,2,3",
    "١٢",  # Arabic-Indic digits
    "²",
    "12.500,5,5",
    "--5",
    "5-",
    "1 2",
    "1.000.00",
    "0x10",
    "NaN",
]
ENGLISH_ACCEPTED = [
    ("21,500", "21500"),
    ("87.5", "87.5"),
    ("1,234,567.89", "1234567.89"),
    ("1234567.89", "1234567.89"),
    ("2024", "2024"),
    ("0", "0"),
    ("0.05", "0.05"),
    ("-3.5", "-3.5"),
    ("−3.5", "-3.5"),
    ("+7", "7"),
    ("21 500", "21500"),
    ("21\u00a0500", "21500"),
    ("  87.5  ", "87.5"),
    ("22,500,000,000", "22500000000"),
    ("1,000.000", "1000"),
    ("21.500", "21.5"),  # in English the point is the decimal point
    ("100", "100"),
    ("007", "7"),
    ("999,999", "999999"),
    ("12.25", "12.25"),
]
ENGLISH_REFUSED = [
    "twelve",
    "21,50",
    "87,5",
    "1,23,456",
    "1e5",
    "87.5 %",
    "£22.5bn",
    ".5",
    "5.",
    "1.2.3",
    "١٢",
    "²",
    "--5",
    "5-",
    "1 2",
    "1,000,00",
    "0x10",
    "inf",
    "1.234.567,89",
    "",
]


@pytest.mark.parametrize(("typed", "value"), GERMAN_ACCEPTED)
def test_german_numbers_are_read_as_german_offices_write_them(typed, value):
    with translation.override("de"):
        assert parse_number(typed) == Decimal(value)


@pytest.mark.parametrize("typed", GERMAN_REFUSED)
def test_german_admin_refuses_what_is_not_a_german_number(typed):
    with translation.override("de"):
        assert parse_number(typed) is None


@pytest.mark.parametrize(("typed", "value"), ENGLISH_ACCEPTED)
def test_english_numbers_are_read_the_english_way(typed, value):
    with translation.override("en"):
        assert parse_number(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ENGLISH_REFUSED)
def test_english_admin_refuses_what_is_not_an_english_number(typed):
    with translation.override("en"):
        assert parse_number(typed) is None


def test_numbers_are_shown_back_the_way_they_are_typed():
    with translation.override("de"):
        assert format_number(Decimal("21500.000")) == "21.500"
        assert format_number(Decimal("87.500")) == "87,5"
        assert format_number(Decimal("1234567.890")) == "1.234.567,89"
        assert format_number(2024, grouped=False) == "2024"
    with translation.override("en"):
        assert format_number(Decimal("21500.000")) == "21,500"
        assert format_number(Decimal("87.500")) == "87.5"


def test_the_messages_name_the_expected_form():
    with translation.override("de"):
        decimal = LocalizedDecimalField(max_digits=20, decimal_places=3)
        with pytest.raises(Exception) as refused:
            decimal.clean("zwölf")
        assert refused.value.messages == ["Geben Sie eine Zahl ein, etwa 21.500 oder 87,5."]
        with pytest.raises(Exception) as refused:
            LocalizedIntegerField().clean("2.024,5")
        assert refused.value.messages == ["Geben Sie eine ganze Zahl ein, etwa 2024."]
    with translation.override("en"):
        with pytest.raises(Exception) as refused:
            LocalizedDecimalField(max_digits=20, decimal_places=3).clean("twelve")
        assert refused.value.messages == ["Enter a number such as 21,500 or 87.5."]


@pytest.fixture
def daa(demo_content):
    return Alliance.objects.get(slug="deutsche-aluminium-allianz")


def figure_fields(fields, index, **values):
    for name, value in values.items():
        fields[f"key_figures-{index}-{name}"] = value


def test_key_figures_typed_the_german_way_are_stored_right(admin_client, daa):
    fields = admin_form(admin_client, change_url(daa))
    assert fields["key_figures-0-value"] == "61.000"  # shown the German way
    figure_fields(fields, 0, value="21.500")
    figure_fields(fields, 1, value="87,5", unit="percent")
    response = admin_client.post(change_url(daa), fields)
    assert response.status_code == 302, errors(response)
    first, second = KeyFigure.objects.filter(alliance=daa).order_by("position")
    assert (first.value, second.value) == (Decimal("21500"), Decimal("87.5"))
    shown = admin_form(admin_client, change_url(daa))
    assert (shown["key_figures-0-value"], shown["key_figures-1-value"]) == ("21.500", "87,5")


def test_zwoelf_is_refused_with_the_expected_form_and_keeps_what_was_typed(admin_client, daa):
    fields = admin_form(admin_client, change_url(daa))
    figure_fields(fields, 0, value="zwölf")
    response = admin_client.post(change_url(daa), fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geben Sie eine Zahl ein, etwa 21.500 oder 87,5." in html
    assert 'value="zwölf"' in html
    assert KeyFigure.objects.get(alliance=daa, position=1).value == Decimal("61000")


def test_a_per_cent_figure_above_100_is_refused(admin_client, daa):
    fields = admin_form(admin_client, change_url(daa))
    figure_fields(fields, 1, value="875", unit="percent")
    response = admin_client.post(change_url(daa), fields)
    assert response.status_code == 200
    assert "Ein Anteil in Prozent liegt zwischen 0 und 100" in response.content.decode()


def test_the_english_admin_reads_english_numbers(admin_client, daa):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    fields = admin_form(admin_client, change_url(daa))
    assert fields["key_figures-1-value"] == "22,500,000,000"
    figure_fields(fields, 0, value="21,500")
    response = admin_client.post(change_url(daa), fields)
    assert response.status_code == 302, errors(response)
    assert KeyFigure.objects.get(alliance=daa, position=1).value == Decimal("21500")
