"""Organisations in public registers: Wikidata, EU Transparency Register, Lobbyregister,
LEI — normalised, checked for their format, one organisation each, shown and linked."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from members.identifiers import SCHEMES_BY_KEY, identifiers_of, lei_check_digits_hold
from members.models import Organisation
from tests.admin_forms import admin_form, admin_url, change_url, errors
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db

GLEIF_LEI = "506700GE1G29325QX363"  # the LEI of GLEIF itself


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("wikidata_id", "Q42", "Q42"),
        ("wikidata_id", " q42 ", "Q42"),
        ("wikidata_id", "https://www.wikidata.org/wiki/Q42", "Q42"),
        ("wikidata_id", "https://m.wikidata.org/wiki/Q1234567?uselang=de", "Q1234567"),
        ("wikidata_id", "http://www.wikidata.org/entity/Q95", "Q95"),
        ("transparency_register_id", "9155503593-86", "9155503593-86"),
        ("transparency_register_id", " 153882995425 - 37 ", "153882995425-37"),
        ("transparency_register_id", "1-00", "1-00"),
        ("lobbyregister_id", "R001234", "R001234"),
        ("lobbyregister_id", "r 001234", "R001234"),
        ("lei", GLEIF_LEI, GLEIF_LEI),
        ("lei", "5493 001k jtii gc8y 1r12", "5493001KJTIIGC8Y1R12"),
    ],
)
def test_identifier_is_normalised_and_accepted(field, typed, stored):
    organisation = make_organisation(status="draft")
    setattr(organisation, field, typed)
    organisation.full_clean()
    assert getattr(organisation, field) == stored
    organisation.save()
    organisation.refresh_from_db()
    assert getattr(organisation, field) == stored


def test_identifier_is_normalised_on_saving_without_validation_too():
    organisation = make_organisation(wikidata_id=" q42", lei=GLEIF_LEI.lower())
    assert (organisation.wikidata_id, organisation.lei) == ("Q42", GLEIF_LEI)
    Organisation.objects.filter(pk=organisation.pk).update(lobbyregister_id="r 000001")
    organisation.refresh_from_db()
    assert (organisation.wikidata_id, organisation.lei, organisation.lobbyregister_id) == (
        "Q42",
        GLEIF_LEI,
        "R000001",
    )


FORMAT_MESSAGES = {
    "wikidata_id": (
        "Enter a Wikidata ID: Q followed by digits, such as Q42 – or paste the address of "
        "the item's page, such as https://www.wikidata.org/wiki/Q42.",
        "Geben Sie eine Wikidata-ID ein: Q und Ziffern, etwa Q42 – oder fügen Sie die "
        "Adresse der Seite des Objekts ein, etwa https://www.wikidata.org/wiki/Q42.",
    ),
    "transparency_register_id": (
        "Enter an EU Transparency Register number: up to 12 digits, a hyphen and two "
        "digits, such as 9155503593-86.",
        "Geben Sie eine Nummer des EU-Transparenzregisters ein: bis zu 12 Ziffern, ein "
        "Bindestrich und zwei Ziffern, etwa 9155503593-86.",
    ),
    "lobbyregister_id": (
        "Enter a register number of the German Bundestag's Lobbyregister: R followed by "
        "six digits, such as R001234.",
        "Geben Sie eine Registernummer des Lobbyregisters des Deutschen Bundestages ein: "
        "R und sechs Ziffern, etwa R001234.",
    ),
    "lei": (
        "Enter an LEI: 20 characters, 18 letters or digits followed by two check digits, "
        "such as 506700GE1G29325QX363.",
        "Geben Sie einen LEI ein: 20 Zeichen, 18 Buchstaben oder Ziffern und danach zwei "
        "Prüfziffern, etwa 506700GE1G29325QX363.",
    ),
}


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("wikidata_id", "42"),
        ("wikidata_id", "Q"),
        ("wikidata_id", "Q042"),
        ("wikidata_id", "P31"),
        ("wikidata_id", "Q42a"),
        ("wikidata_id", "https://example.org/wiki/Q42"),
        ("transparency_register_id", "9155503593"),
        ("transparency_register_id", "9155503593-8"),
        ("transparency_register_id", "9155503593-860"),
        ("transparency_register_id", "1234567890123-45"),
        ("transparency_register_id", "REG-12"),
        ("lobbyregister_id", "R12345"),
        ("lobbyregister_id", "R0012345"),
        ("lobbyregister_id", "001234"),
        ("lobbyregister_id", "X001234"),
        ("lei", GLEIF_LEI[:-1]),
        ("lei", GLEIF_LEI + "0"),
        ("lei", GLEIF_LEI[:-1] + "A"),
        ("lei", "506700GE1G29325QX-63"),
    ],
)
def test_identifier_in_another_format_is_refused_saying_what_the_format_is(field, typed):
    organisation = Organisation(name_de="Prüfling GmbH", kind="company", **{field: typed})
    for language, message in zip(("en", "de"), FORMAT_MESSAGES[field], strict=True):
        with translation.override(language):
            with pytest.raises(ValidationError) as error:
                organisation.full_clean()
            assert error.value.message_dict[field] == [message]


def test_lei_with_a_wrong_check_digit_is_refused_as_such():
    wrong = GLEIF_LEI[:-1] + "4"
    assert lei_check_digits_hold(GLEIF_LEI) and not lei_check_digits_hold(wrong)
    organisation = Organisation(name_de="Prüfling GmbH", kind="company", lei=wrong)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    with translation.override("en"):
        assert error.value.message_dict["lei"] == [
            "This LEI's check digits do not match the rest (ISO 17442): look for a typing "
            "error, such as a 0 for an O, in any of its 20 characters."
        ]
    with translation.override("de"):
        assert error.value.message_dict["lei"] == [
            "Die Prüfziffern dieses LEI passen nicht zum Rest (ISO 17442): Suchen Sie einen "
            "Tippfehler, etwa eine 0 statt eines O, in einem seiner 20 Zeichen."
        ]
    # An O typed for a 0 is caught too.
    organisation.lei = GLEIF_LEI.replace("0", "O", 1)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert [e.code for e in error.value.error_dict["lei"]] == ["check_digits"]


def test_empty_identifiers_are_allowed_for_any_number_of_organisations():
    first, second = make_organisation(), make_organisation()
    for organisation in (first, second):
        organisation.full_clean()
        assert identifiers_of(organisation) == []


def test_an_identifier_names_one_organisation_and_the_error_names_the_other(admin_client):
    holder = make_organisation(name_de="Erste Hütte AG", lei=GLEIF_LEI, wikidata_id="Q42")
    other = Organisation(name_de="Zweite Hütte AG", kind="company", lei=GLEIF_LEI.lower())
    other.wikidata_id = "https://www.wikidata.org/wiki/Q42"
    with translation.override("en"), pytest.raises(ValidationError) as error:
        other.full_clean()
    for field in ("lei", "wikidata_id"):
        (message,) = error.value.message_dict[field]
        assert message == (
            f'<a href="{change_url(holder)}" target="_blank">Erste Hütte AG</a> has this '
            "identifier already: an identifier names one organisation only."
        )
    # The database refuses it too; the constraint's own message is on the field.
    with transaction.atomic(), pytest.raises(IntegrityError):
        other.save()
    with pytest.raises(ValidationError) as error:
        other.validate_constraints()
    with translation.override("de"):
        assert error.value.message_dict == {
            field: [
                "Eine andere Organisation hat diese Kennung schon: Eine Kennung benennt nur "
                "eine Organisation."
            ]
            for field in ("lei", "wikidata_id")
        }
    # The holder itself may be saved again unchanged.
    holder.full_clean()


def test_identifiers_of_lists_the_given_ones_with_their_public_addresses():
    organisation = make_organisation(
        wikidata_id="Q42",
        transparency_register_id="9155503593-86",
        lobbyregister_id="R001234",
        lei=GLEIF_LEI,
    )
    with translation.override("en"):
        found = [tuple(str(part) for part in entry) for entry in identifiers_of(organisation)]
    assert found == [
        ("wikidata", "Wikidata ID", "Q42", "https://www.wikidata.org/wiki/Q42"),
        (
            "eu-transparency-register",
            "EU Transparency Register number",
            "9155503593-86",
            "https://transparency-register.europa.eu/searchregister-or-update/"
            "organisation-detail_en?id=9155503593-86",
        ),
        (
            "de-lobbyregister",
            "Lobbyregister number (German Bundestag)",
            "R001234",
            "https://www.lobbyregister.bundestag.de/suche/R001234",
        ),
        (
            "lei",
            "LEI (Legal Entity Identifier)",
            GLEIF_LEI,
            f"https://search.gleif.org/#/record/{GLEIF_LEI}",
        ),
    ]
    scheme, label, value, url = identifiers_of(make_organisation(lobbyregister_id="R000007"))[0]
    assert (scheme, value, url) == (
        "de-lobbyregister",
        "R000007",
        "https://www.lobbyregister.bundestag.de/suche/R000007",
    )
    assert SCHEMES_BY_KEY[scheme].label == label


def structured_data(html):
    return json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])


@pytest.mark.parametrize(
    ("language", "heading", "label"),
    [
        ("de", "In öffentlichen Registern", "Wikidata-ID"),
        ("en", "In public registers", "Wikidata ID"),
    ],
)
def test_organisation_page_links_its_identifiers(client, language, heading, label):
    organisation = make_organisation(
        name_de="Registrierte Hütte AG",
        website="https://huette.example/",
        wikidata_id="Q42",
        lobbyregister_id="R001234",
        lei=GLEIF_LEI,
    )
    html = client.get(f"/{language}/organisations/{organisation.slug}/").content.decode()
    assert f'<h2 id="registers-heading">{heading}</h2>' in html
    assert (
        f'<div><dt>{label}</dt><dd><a href="https://www.wikidata.org/wiki/Q42">Q42</a></dd></div>'
    ) in html
    assert '<a href="https://www.lobbyregister.bundestag.de/suche/R001234">R001234</a>' in html
    assert f'<a href="https://search.gleif.org/#/record/{GLEIF_LEI}">{GLEIF_LEI}</a>' in html
    assert "transparency-register.europa.eu" not in html
    data = structured_data(html)
    assert data["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "wikidata", "value": "Q42"},
        {"@type": "PropertyValue", "propertyID": "de-lobbyregister", "value": "R001234"},
        {"@type": "PropertyValue", "propertyID": "lei", "value": GLEIF_LEI},
    ]
    assert data["leiCode"] == GLEIF_LEI
    assert data["sameAs"] == [
        "https://huette.example/",
        "https://www.wikidata.org/wiki/Q42",
        "https://www.lobbyregister.bundestag.de/suche/R001234",
        f"https://search.gleif.org/#/record/{GLEIF_LEI}",
    ]


def test_organisation_page_without_identifiers_has_no_register_section(client):
    organisation = make_organisation()
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "registers-heading" not in html
    data = structured_data(html)
    assert not {"identifier", "leiCode", "sameAs"} & set(data)


def test_admin_groups_the_identifiers_and_explains_a_wrong_one(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"
    organisation = make_organisation(name_de="Hütte Mitte GmbH")
    url = change_url(organisation)
    html = admin_client.get(url).content.decode()
    assert 'class="fieldset-heading">Externe Kennungen</h2>' in html
    assert "Wikidata-ID" in html and "LEI (Rechtsträgerkennung)" in html
    fields = admin_form(admin_client, url)
    fields["wikidata_id"] = "https://www.wikidata.org/wiki/Q42"
    fields["lei"] = GLEIF_LEI[:-1] + "4"
    response = admin_client.post(url, fields)
    assert response.status_code == 200
    assert any("Die Prüfziffern dieses LEI" in error for error in errors(response))
    fields["lei"] = " " + GLEIF_LEI.lower()
    response = admin_client.post(url, fields)
    assert response.status_code == 302, errors(response)
    organisation.refresh_from_db()
    assert (organisation.wikidata_id, organisation.lei) == ("Q42", GLEIF_LEI)
    found = admin_client.get(admin_url(Organisation, "changelist"), {"q": "q42"})
    assert [o.pk for o in found.context["cl"].result_list] == [organisation.pk]
