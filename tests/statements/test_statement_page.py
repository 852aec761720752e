"""The statement page's newsroom parts: each press contact as a vCard at its own address
(public exactly when the statement is), and each quote with the logo of the signatory its
speaker speaks for."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone, translation

from statements.models import Quote
from tests.factories import make_organisation, make_person, make_statement
from tests.upload_files import image_bytes

pytestmark = pytest.mark.django_db


def vcard_url(statement, person):
    return f"/de/press/{statement.slug}/contacts/{person.pk}.vcf"


def test_press_contact_is_a_vcard_linked_from_the_page(client):
    organisation = make_organisation(name_de="Hütte Nord GmbH")
    person = make_person(
        name="Jörg Weiß",
        organisation=organisation,
        phone="+49 211 123-45",
        email="jw@huette.example",
    )
    statement = make_statement()
    statement.press_contacts.add(person)

    page = client.get(statement.get_absolute_url()).content.decode()
    assert (
        f'<a href="{vcard_url(statement, person)}">Jörg Weiß als Kontakt speichern (vCard)</a>'
        in page
    )

    response = client.get(vcard_url(statement, person))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="joerg-weiss.vcf"'
    text = response.content.decode()
    assert "FN:Jörg Weiß\r\n" in text
    assert "ORG:Hütte Nord GmbH\r\n" in text
    assert "TEL;TYPE=WORK,VOICE:+49 211 123-45\r\n" in text


def test_vcard_is_a_404_for_someone_who_is_not_the_statements_contact(client):
    statement = make_statement()
    statement.press_contacts.add(make_person())
    stranger = make_person(email="fremd@example.org")
    assert client.get(vcard_url(statement, stranger)).status_code == 404
    assert client.get(f"/de/press/{statement.slug}/contacts/99999999999.vcf").status_code == 404


def test_vcard_of_an_embargoed_statement_is_a_404_for_the_public(client):
    statement = make_statement(published_at=timezone.now() + timedelta(hours=2))
    person = make_person()
    statement.press_contacts.add(person)
    assert client.get(vcard_url(statement, person)).status_code == 404


def test_vcard_of_an_embargoed_statement_is_never_cached_for_staff(admin_client):
    statement = make_statement(published_at=timezone.now() + timedelta(hours=2))
    person = make_person()
    statement.press_contacts.add(person)
    response = admin_client.get(vcard_url(statement, person))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_quote_shows_the_logo_of_the_signatory_its_speaker_speaks_for(client):
    with_logo = make_organisation(name_de="Speira GmbH")
    with_logo.logo.save("speira.png", ContentFile(image_bytes((200, 100))))
    statement = make_statement()
    statement.signatories.add(with_logo, make_organisation(name_de="IG Metall"))
    Quote.objects.create(
        statement=statement,
        speaker_name="Volker Backs",
        speaker_organisation_de="Speira GmbH",
        text_de="Wir bauen.",
    )
    Quote.objects.create(
        statement=statement,
        speaker_name="Anna Frei",
        speaker_organisation_de="Unbekannt e. V.",
        text_de="Wir auch.",
    )
    html = client.get(statement.get_absolute_url()).content.decode()
    first, second = html.split('<figure class="quote"')[1:3]
    assert 'class="logo-tile"' in first and "speira.png" in first
    assert 'class="logo-tile"' not in second


# --- "On behalf of": the organisation a quote was said for ----------------------------


def test_quote_links_the_organisation_it_was_said_on_behalf_of(client):
    """The linked organisation wins over a name match, need not be a signatory, and is
    linked (with its logo) only while it is public."""
    spoken_for = make_organisation(name_de="Speira GmbH")
    spoken_for.logo.save("speira.png", ContentFile(image_bytes((200, 100))))
    draft = make_organisation(name_de="Entwurf e. V.", status="draft")
    statement = make_statement()
    statement.signatories.add(make_organisation(name_de="IG Metall"))
    Quote.objects.create(
        statement=statement,
        speaker_name="Volker Backs",
        speaker_organisation_de="Speira",
        organisation=spoken_for,
        text_de="Wir bauen.",
    )
    Quote.objects.create(
        statement=statement, speaker_name="Ohne Text", organisation=spoken_for, text_de="Ja."
    )
    Quote.objects.create(
        statement=statement,
        speaker_name="Anna Frei",
        speaker_organisation_de="Entwurf e. V.",
        organisation=draft,
        text_de="Noch nicht.",
    )
    html = client.get(statement.get_absolute_url()).content.decode()
    first, second, third = html.split('<figure class="quote"')[1:4]
    link = f'<span itemprop="affiliation"><a href="/de/organisations/{spoken_for.slug}/">'
    assert f"{link}Speira</a></span>" in first and "speira.png" in first
    assert f"{link}Speira GmbH</a></span>" in second
    assert '<span itemprop="affiliation">Entwurf e. V.</span>' in third
    assert draft.slug not in html and 'class="logo-tile"' not in third


def test_quote_organisation_is_labelled_on_behalf_of():
    field = Quote._meta.get_field("organisation")
    with translation.override("de"):
        assert str(field.verbose_name) == "im Namen von"
        assert str(field.help_text).startswith(
            "Die Organisation, für die die Person in dieser Erklärung gesprochen hat."
        )
    with translation.override("en"):
        assert str(field.verbose_name) == "on behalf of"


def test_demo_quotes_are_linked_to_their_speakers_and_organisations(demo_content):
    quotes = Quote.objects.filter(
        statement__slug="aluminiumbuendnis-nrw-gemeinsame-erklaerung"
    ).select_related("person", "organisation")
    assert [(q.person.name, q.organisation.slug) for q in quotes] == [
        ("Andreas Pinkwart", "wirtschaftsministerium-nrw"),
        ("Philipp Schlüter", "trimet"),
        ("Volker Backs", "speira"),
        ("Hinrich Mählmann", "aluminium-deutschland"),
        ("Manuel Bloemers", "ig-metall"),
        ("Manuel Rendla", "igbce"),
    ]
    assert all(q.person.organisation_id == q.organisation_id for q in quotes)
