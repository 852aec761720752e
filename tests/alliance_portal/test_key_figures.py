"""The `key_figures` template filters: figures written as a newsroom writes them."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.translation import override

from alliance_portal.models import KeyFigure
from alliance_portal.templatetags.key_figures import figure_qualifier, figure_value

NBSP = "\u00a0"
Unit = KeyFigure.Unit


def figure(value, unit=Unit.COUNT, qualifier=KeyFigure.Qualifier.EXACT):
    """An unsaved key figure: the filters need no database."""
    return KeyFigure(
        label="Employees",
        qualifier=qualifier,
        value=Decimal(value),
        unit=unit,
        year=2024,
        scope="Germany",
        source="Test",
    )


def nbsp(text):
    """The expected text with its spaces made non-breaking, as the filter writes them."""
    return text.replace(" ", NBSP)


# (value, unit, German, English); spaces in the expectations are non-breaking.
EXAMPLES = [
    ("61000", Unit.COUNT, "61.000", "61,000"),
    ("61000.000", Unit.COUNT, "61.000", "61,000"),
    ("22500000000", Unit.EUR, "22,5 Mrd. €", "€22.5 bn"),
    ("22549000000", Unit.EUR, "22,5 Mrd. €", "€22.5 bn"),
    ("1500000", Unit.EUR, "1,5 Mio. €", "€1.5 m"),
    ("35000", Unit.EUR, "35.000 €", "€35,000"),
    ("12.5", Unit.PERCENT, "12,5 %", "12.5%"),
    ("2000000", Unit.TONNES, "2 Mio. t", "2 million tonnes"),
    ("3200000000", Unit.GBP, "3,2 Mrd. £", "£3.2 bn"),
    ("1200000", Unit.COUNT, "1,2 Mio.", "1.2 million"),
    ("999.5", Unit.TONNES, "999,5 t", "999.5 tonnes"),
]


@pytest.mark.parametrize(("value", "unit", "german", "english"), EXAMPLES)
def test_figure_value_in_german(value, unit, german, english):
    with override("de"):
        assert figure_value(figure(value, unit)) == nbsp(german)


@pytest.mark.parametrize(("value", "unit", "german", "english"), EXAMPLES)
def test_figure_value_in_english(value, unit, german, english):
    with override("en"):
        assert figure_value(figure(value, unit)) == nbsp(english)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("value", "unit", "german", "english"), EXAMPLES)
def test_number_scale_and_unit_never_wrap_apart(language, value, unit, german, english):
    with override(language):
        assert " " not in figure_value(figure(value, unit))


@pytest.mark.parametrize(
    ("value", "german", "english"),
    [
        ("22549000000", "22,5 Mrd. €", "€22.5 bn"),  # rounds down
        ("22550000000", "22,6 Mrd. €", "€22.6 bn"),  # half rounds up, as in commerce
        ("22960000000", "23 Mrd. €", "€23 bn"),  # a trailing ",0" is dropped
        ("1040000", "1 Mio. €", "€1 m"),
        ("999960000", "1 Mrd. €", "€1 bn"),  # not "1.000 Mio. €"
        ("1000000000000", "1.000 Mrd. €", "€1,000 bn"),
    ],
)
def test_scaled_values_have_at_most_one_decimal(value, german, english):
    with override("de"):
        assert figure_value(figure(value, Unit.EUR)) == nbsp(german)
    with override("en"):
        assert figure_value(figure(value, Unit.EUR)) == nbsp(english)


@pytest.mark.parametrize(
    ("value", "unit", "german", "english"),
    [
        ("999999", Unit.COUNT, "999.999", "999,999"),  # below a million: in full
        ("12.125", Unit.PERCENT, "12,125 %", "12.125%"),  # significant decimals kept
        ("0.500", Unit.PERCENT, "0,5 %", "0.5%"),
        ("1234567.890", Unit.PERCENT, "1.234.567,89 %", "1,234,567.89%"),  # never scaled
        ("-1500000", Unit.EUR, "-1,5 Mio. €", "-€1.5 m"),
        ("0", Unit.COUNT, "0", "0"),
    ],
)
def test_unscaled_and_edge_values(value, unit, german, english):
    with override("de"):
        assert figure_value(figure(value, unit)) == nbsp(german)
    with override("en"):
        assert figure_value(figure(value, unit)) == nbsp(english)


def test_regional_and_unknown_languages_fall_back_sensibly():
    turnover = figure("22500000000", Unit.EUR)
    with override("en-gb"):
        assert figure_value(turnover) == nbsp("€22.5 bn")
    with override("fr"):
        assert figure_value(turnover) == nbsp("22,5 Mrd. €")


def test_a_figure_without_a_value_renders_nothing():
    empty = figure("0")
    empty.value = None
    assert figure_value(empty) == ""


def test_figure_qualifier_is_the_translated_label_and_empty_when_exact():
    with override("de"):
        assert figure_qualifier(figure("61000", qualifier=KeyFigure.Qualifier.ABOUT)) == "rund"
        assert figure_qualifier(figure("1", qualifier=KeyFigure.Qualifier.UP_TO)) == "bis zu"
        assert figure_qualifier(figure("61000")) == ""
    with override("en"):
        assert figure_qualifier(figure("61000", qualifier=KeyFigure.Qualifier.ABOUT)) == "about"
        assert figure_qualifier(figure("1", qualifier=KeyFigure.Qualifier.OVER)) == "over"
        assert figure_qualifier(figure("61000")) == ""


def test_filters_work_in_templates():
    template = Template("{% load key_figures %}{{ f|figure_qualifier }} {{ f|figure_value }}")
    turnover = figure("22500000000", Unit.EUR, KeyFigure.Qualifier.OVER)
    with override("de"):
        assert template.render(Context({"f": turnover})) == "über " + nbsp("22,5 Mrd. €")
    with override("en"):
        assert template.render(Context({"f": turnover})) == "over " + nbsp("€22.5 bn")
