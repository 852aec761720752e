"""No duplicates by accident: the same name is refused with a link to the record that
has it; a similar name is a warning that staff confirm."""

import importlib
import re
from html import unescape

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from alliance_portal.publishing.slugs import comparison_key
from members import duplicates
from members.models import Organisation, Person
from tests.admin_forms import admin_form, admin_url, change_url, errors
from tests.factories import make_organisation, make_person

pytestmark = pytest.mark.django_db


def error_texts(response):
    """The error messages of an admin form page as the user reads them (tags dropped)."""
    return [unescape(re.sub(r"<[^>]+>", "", e)).strip() for e in errors(response)]


def link_to(obj, text):
    return f'<a href="{change_url(obj)}" target="_blank">{text}</a>'


# --- Names as they are compared -------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Saarstahl AG", "saarstahl  ag"),
        ("Müller Aluminium GmbH & Co. KG", "Mueller Aluminium GmbH & Co KG"),
        (
            "Verband der Aluminiumrecycling-Industrie e. V.",
            "Verband der Aluminiumrecycling-Industrie e.V.",
        ),
        ("Dillinger Hüttenwerke", "DILLINGER HÜTTENWERKE"),
        ("Straßenbau GmbH", "STRASSENBAU GMBH"),
        ("Société Générale", "Societe Generale"),
    ],
)
def test_names_that_differ_only_in_case_spaces_and_punctuation_compare_equal(first, second):
    assert comparison_key(first) == comparison_key(second)


def test_different_names_compare_different():
    assert comparison_key("IG Metall") != comparison_key("IG BCE")
    assert comparison_key("Łódź Aluminium") == "łodzaluminium"  # letters of any script stay


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("saarstahlag", "saarstahl", True),  # contained
        ("saarstahlag", "saarstalag", True),  # one letter missing
        ("saarstahlag", "saarstahlagx", True),  # one letter added
        ("saarstahlag", "saarstehlag", True),  # one letter changed
        ("saarstahlag", "saarstehleg", False),  # two changed
        ("saarstahlag", "dillingerag", False),
        ("bdi", "bdiev", False),  # too short to tell
        ("igmetall", "igmetall", False),  # the same is not "similar": it is refused
    ],
)
def test_similar_names(a, b, similar):
    assert duplicates.are_similar(a, b) is similar
    assert duplicates.are_similar(b, a) is similar


def test_the_exact_check_is_one_query(django_assert_num_queries):
    saarstahl = make_organisation(name_de="Saarstahl AG")
    assert saarstahl.name_key == "saarstahlag"
    with django_assert_num_queries(1):
        assert duplicates.organisation_named(Organisation, "SAARSTAHL A.G.") == saarstahl


def test_similar_names_are_found_in_the_database():
    saarstahl = make_organisation(name_de="Saarstahl AG")
    make_organisation(name_de="Dillinger Hüttenwerke")
    saarstal = make_organisation(name_de="Saarstal AG")
    found = duplicates.organisations_like(Organisation, "Saarstahl")
    assert found == [saarstahl]  # contained; "saarstal" is two edits from "saarstahl"
    assert duplicates.organisations_like(Organisation, "Saarstahl AG") == [saarstal]
    assert duplicates.organisations_like(Organisation, "Saarstahl AG Völklingen") == [saarstahl]


def test_name_keys_are_filled_for_existing_rows():
    organisation = make_organisation(name_de="Aluminium Deutschland e. V.")
    person = make_person(name="Tim  Stappen")
    Organisation.objects.update(name_key="")
    Person.objects.update(name_key="")
    migration = importlib.import_module("members.migrations.0012_fill_name_keys")
    migration.fill_name_keys(apps, None)
    organisation.refresh_from_db()
    person.refresh_from_db()
    assert (organisation.name_key, person.name_key) == ("aluminiumdeutschlandev", "timstappen")


def test_model_validation_refuses_the_same_name():
    make_organisation(name_de="Saarstahl AG")
    with pytest.raises(ValidationError) as refused:
        Organisation(name_de="Saarstahl  AG", kind=Organisation.Kind.COMPANY).full_clean()
    assert list(refused.value.message_dict) == ["name_de"]


# --- Organisations in the admin -------------------------------------------------------


@pytest.fixture
def saarstahl():
    return make_organisation(name_de="Saarstahl AG")


def add_organisation(client, name, **extra):
    url = admin_url(Organisation, "add")
    fields = admin_form(client, url)
    fields.update(name_de=name, kind="company", **extra)
    return client.post(url, fields)


def test_the_same_organisation_again_is_refused_with_a_link(admin_client, saarstahl):
    response = add_organisation(admin_client, "SAARSTAHL A.G.")
    assert response.status_code == 200
    html = response.content.decode()
    # What the German admin shows, link included (not escaped into text).
    assert (
        f"Eine Organisation dieses Namens gibt es schon: {link_to(saarstahl, 'Saarstahl AG')}."
        in html
    )
    assert error_texts(response) == [
        "Eine Organisation dieses Namens gibt es schon: Saarstahl AG. Ändern Sie diese, "
        "statt sie ein zweites Mal anzulegen."
    ]
    assert Organisation.objects.count() == 1


def test_the_same_organisation_is_refused_in_the_add_popup_too(admin_client, saarstahl):
    url = f"{admin_url(Organisation, 'add')}?_popup=1&_to_field=id"
    fields = admin_form(admin_client, url)
    fields.update(name_de="Saarstahl AG", kind="company")
    response = admin_client.post(url, fields)
    assert response.status_code == 200
    assert "Eine Organisation dieses Namens gibt es schon" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_a_similar_organisation_needs_confirming(admin_client, saarstahl):
    response = add_organisation(admin_client, "Saarstahl")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        f"Organisationen mit ähnlichem Namen gibt es schon: {link_to(saarstahl, 'Saarstahl AG')}."
        in html
    )
    assert error_texts(response) == [
        "Organisationen mit ähnlichem Namen gibt es schon: Saarstahl AG. Ist dies eine andere "
        "Organisation, kreuzen Sie „Ja, das ist eine andere Organisation“ an und speichern "
        "Sie erneut."
    ]
    # The checkbox is shown now, unticked, with its label.
    assert re.search(r'<input type="checkbox" name="confirm_different"[^>]*>', html)
    assert "Ja, das ist eine andere Organisation" in html
    assert Organisation.objects.count() == 1

    fields = admin_form(admin_client, admin_url(Organisation, "add"))
    fields.update(name_de="Saarstahl", kind="company", confirm_different="on")
    response = admin_client.post(admin_url(Organisation, "add"), fields)
    assert response.status_code == 302, errors(response)
    assert Organisation.objects.filter(name_de="Saarstahl").exists()


def test_the_confirmation_box_is_hidden_until_needed(admin_client):
    html = admin_client.get(admin_url(Organisation, "add")).content.decode()
    assert '<div class="form-row hidden field-confirm_different">' in html
    assert '<input type="hidden" name="confirm_different" id="id_confirm_different">' in html


def test_one_letter_off_needs_confirming_too(admin_client, saarstahl):
    response = add_organisation(admin_client, "Saarstaal AG")
    assert response.status_code == 200
    assert "Organisationen mit ähnlichem Namen" in response.content.decode()


def test_editing_a_confirmed_organisation_does_not_ask_again(admin_client, saarstahl):
    other = make_organisation(name_de="Saarstahl")
    fields = admin_form(admin_client, change_url(other))
    fields["website"] = "https://saarstahl.example.org/"
    response = admin_client.post(change_url(other), fields)
    assert response.status_code == 302, errors(response)


def test_renaming_to_an_existing_name_is_refused(admin_client, saarstahl):
    other = make_organisation(name_de="Dillinger Hütte")
    fields = admin_form(admin_client, change_url(other))
    fields["name_de"] = "Saarstahl AG"
    response = admin_client.post(change_url(other), fields)
    assert response.status_code == 200
    assert "Eine Organisation dieses Namens gibt es schon" in response.content.decode()


def test_a_different_name_is_saved_without_a_question(admin_client, saarstahl):
    response = add_organisation(admin_client, "Dillinger Hüttenwerke")
    assert response.status_code == 302, errors(response)


# --- People ----------------------------------------------------------------------------


@pytest.fixture
def stappen(saarstahl):
    return make_person(name="Tim Stappen", organisation=saarstahl)


def add_person(client, name, organisation, **extra):
    url = admin_url(Person, "add")
    fields = admin_form(client, url)
    fields.update(name=name, organisation=str(organisation.pk) if organisation else "", **extra)
    return client.post(url, fields)


def test_the_same_person_at_the_same_organisation_is_refused(admin_client, stappen, saarstahl):
    response = add_person(admin_client, "tim  STAPPEN", saarstahl)
    assert response.status_code == 200
    assert (
        f"{link_to(stappen, 'Tim Stappen')} ist für diese Organisation schon erfasst."
        in response.content.decode()
    )
    assert error_texts(response) == [
        "Tim Stappen ist für diese Organisation schon erfasst. Ändern Sie diesen Eintrag, "
        "statt die Person ein zweites Mal anzulegen."
    ]
    assert Person.objects.count() == 1


def test_the_same_name_at_another_organisation_needs_confirming(admin_client, stappen):
    other = make_organisation(name_de="Aluminium Deutschland")
    response = add_person(admin_client, "Tim Stappen", other)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Personen mit gleichem oder ähnlichem Namen sind schon erfasst: "
        f"{link_to(stappen, 'Tim Stappen (Saarstahl AG)')}."
    ) in html
    assert "Ja, das ist eine andere Person" in html
    response = add_person(admin_client, "Tim Stappen", other, confirm_different="on")
    assert response.status_code == 302, errors(response)
    assert Person.objects.filter(organisation=other).exists()


def test_a_similar_name_at_the_same_organisation_needs_confirming(admin_client, stappen, saarstahl):
    response = add_person(admin_client, "Tim Stapen", saarstahl)
    assert response.status_code == 200
    assert "Personen mit gleichem oder ähnlichem Namen" in response.content.decode()
    assert Person.objects.count() == 1


def test_people_are_checked_in_the_organisation_page_inline(admin_client, stappen, saarstahl):
    url = change_url(saarstahl)
    fields = admin_form(admin_client, url)
    total = int(fields["people-TOTAL_FORMS"])
    fields[f"people-{total}-name"] = "TIM STAPPEN"
    fields["people-TOTAL_FORMS"] = str(total + 1)
    response = admin_client.post(url, fields)
    assert response.status_code == 200
    assert (
        f"{link_to(stappen, 'Tim Stappen')} ist für diese Organisation schon erfasst."
        in response.content.decode()
    )

    fields[f"people-{total}-name"] = "Tim Stappen-Berg"
    response = admin_client.post(url, fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Personen mit gleichem oder ähnlichem Namen" in html
    # In the table row, the checkbox carries its own label.
    assert (
        f'<label for="id_people-{total}-confirm_different">Ja, das ist eine andere Person</label>'
        in html
    )
    fields[f"people-{total}-confirm_different"] = "on"
    response = admin_client.post(url, fields)
    assert response.status_code == 302, errors(response)
    assert saarstahl.people.count() == 2


def test_one_person_twice_on_the_organisation_page_is_refused(admin_client, saarstahl):
    url = change_url(saarstahl)
    fields = admin_form(admin_client, url)
    total = int(fields["people-TOTAL_FORMS"])
    fields[f"people-{total}-name"] = "Erika Muster"
    fields[f"people-{total + 1}-name"] = "erika  muster"
    fields["people-TOTAL_FORMS"] = str(total + 2)
    response = admin_client.post(url, fields)
    assert response.status_code == 200
    assert "„erika  muster“ steht zweimal auf dieser Seite." in error_texts(response)
    assert not saarstahl.people.exists()
