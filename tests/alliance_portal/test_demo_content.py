"""`load_demo_content` builds the seed alliances completely, in both languages."""

import hashlib
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from alliance_portal.models import Alliance, Goal, KeyFigure
from members.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def in_language(language, getter):
    with translation.override(language):
        return getter()


def test_german_aluminium_alliance_is_complete_in_both_languages(demo_content):
    alliance = Alliance.objects.get(slug="deutsche-aluminium-allianz")
    assert alliance.is_published
    assert str(alliance.founded_on) == "2024-10-08"
    assert alliance.founding_document_title_de == "Gemeinsame Erklärung"
    assert alliance.founding_document_title_en == "Joint declaration"
    assert in_language("de", lambda: alliance.name) == "Deutsche Aluminium-Allianz"
    assert in_language("en", lambda: alliance.name) == "German Aluminium Alliance"
    assert "Schlüsselwerkstoff für zahlreiche Branchen" in alliance.description_de
    assert "key material for many industries" in alliance.description_en
    assert "unverzichtbar für die Energiewende" in alliance.description_de


def test_german_alliance_founders_in_seed_order(demo_content):
    memberships = Membership.objects.filter(
        alliance__slug="deutsche-aluminium-allianz"
    ).select_related("organisation")
    assert [(m.organisation.name_de, m.role) for m in memberships] == [
        ("Aluminium Deutschland e.V.", "founder"),
        ("IG Metall", "founder"),
        ("IGBCE", "founder"),
        ("Wirtschaftsministerium des Landes Nordrhein-Westfalen", "founder"),
        ("Wirtschaftsministerium des Landes Rheinland-Pfalz", "founder"),
        ("Wirtschaftsministerium des Landes Sachsen-Anhalt", "founder"),
        ("Wirtschaftsministerium des Landes Saarland", "founder"),
        (
            "Behörde für Wirtschaft, Arbeit und Innovation der Freien und Hansestadt Hamburg",
            "founder",
        ),
    ]
    assert {m.joined_on.isoformat() for m in memberships} == {"2024-10-08"}
    english = [m.organisation.name_en for m in memberships]
    assert "Ministry of Economic Affairs of the State of North Rhine-Westphalia" in english
    assert all(m.organisation.logo and m.organisation.logo_alt_de for m in memberships)
    assert all(m.organisation.logo_alt_en.startswith("Logo of ") for m in memberships)


def test_german_alliance_key_figures_carry_year_scope_and_source(demo_content):
    figures = KeyFigure.objects.filter(alliance__slug="deutsche-aluminium-allianz")
    assert [(f.label_de, f.label_en, f.qualifier, f.value, f.unit, f.year) for f in figures] == [
        ("Beschäftigte", "Employees", "about", Decimal("61000"), "count", 2024),
        ("Jahresumsatz", "Annual turnover", "over", Decimal("22500000000"), "EUR", 2024),
    ]
    for figure in figures:
        assert figure.scope_de == "Aluminiumindustrie in Deutschland"
        assert figure.scope_en == "Aluminium industry in Germany"
        assert figure.source_de.startswith("Deutsche Aluminium-Allianz")
        assert figure.source_en.startswith("German Aluminium Alliance")


def test_german_alliance_goals_with_three_dimensions(demo_content):
    goals = Goal.objects.filter(alliance__slug="deutsche-aluminium-allianz", parent=None)
    assert [g.title_de for g in goals] == [
        "Sicherung der Wettbewerbsfähigkeit der Aluminiumindustrie in Deutschland",
        "Unterstützung einer nachhaltigen Transformation in nachfolgenden Dimensionen",
    ]
    assert goals[0].description_de == (
        "faire nationale und internationale Rahmenbedingungen, Sicherung von Arbeitsplätzen"
    )
    dimensions = goals[1].children.all()
    assert [(d.title_de, d.title_en) for d in dimensions] == [
        ("Ökologisch", "Ecological"),
        ("Ökonomisch", "Economic"),
        ("Sozial", "Social"),
    ]
    assert dimensions[0].description_de.startswith("Senkung der CO₂-Emissionen")
    assert dimensions[0].description_en.startswith("Cutting CO₂ emissions")
    assert "(„Carbon Leakage“)" in dimensions[1].description_de
    assert "Mitbestimmung, Tarifbindung" in dimensions[2].description_de


def test_german_alliance_three_demands_and_sections(demo_content):
    alliance = Alliance.objects.get(slug="deutsche-aluminium-allianz")
    assert [d.title_de for d in alliance.demands.all()] == [
        "sichere, erneuerbare und bezahlbare Energieversorgung",
        "verstärkte Forschungs- und Innovationsförderung",
        "faire internationale Wettbewerbsbedingungen, um Produktionsabwanderung "
        "(„Carbon Leakage“) zu verhindern",
    ]
    assert all(d.title_en for d in alliance.demands.all())
    assert [(s.heading_de, s.heading_en) for s in alliance.sections.all()] == [
        ("Wirtschaftliche Bedeutung", "Economic significance"),
        ("Gesellschaftliche Verantwortung", "Responsibility to society"),
    ]
    assert "Net-Zero-Technologien" in alliance.sections.all()[0].body_de
    assert "bündelt dafür die Kräfte" in alliance.sections.all()[1].body_de


def test_thementisch_metall_working_group_is_complete(demo_content):
    group = Alliance.objects.get(slug="thementisch-metall")
    assert group.kind == Alliance.Kind.WORKING_GROUP
    assert (group.name_de, group.name_en) == ("Thementisch Metall", "Metals Round Table")
    assert group.region_de == "Nordrhein-Westfalen"
    organiser = group.memberships.get()
    assert organiser.role == Membership.Role.ORGANISER
    assert organiser.organisation.name_de == "Neue Effizienz gemeinnützige GmbH"
    background = group.sections.get()
    assert background.heading_de == "Hintergrund / Veranlassung"
    # Rich text: the demo writes HTML paragraphs.
    assert background.body_de.startswith("<p>Die Metallindustrie ist eine zentrale Säule")
    assert background.body_en.startswith("<p>The metal industry is a central pillar")
    assert "klimaneutralen Kreislaufwirtschaft" in group.goals_intro_de
    titles = [g.title_de for g in group.goals.filter(parent=None)]
    assert len(titles) == 4
    focus = group.goals.get(title_de__startswith="Innovative Strategien").children.all()
    assert [g.title_de for g in focus] == [
        "die Identifikation von Circular Economy-Schlüsselstellen und Hemmnissen",
        "die Entwicklung und Implementierung zirkulärer Geschäftsmodelle",
        "die Optimierung von Recyclingtechnologien",
        "die Förderung der Nutzung von Sekundärrohstoffen",
    ]
    assert all(g.title_en for g in group.goals.all())
    participants = group.participant_groups.all()
    assert [(p.name_de, p.name_en) for p in participants] == [
        (
            "Unternehmen und Verbände der Metallindustrie",
            "Companies and associations of the metal industry",
        ),
        ("Wissenschaft & Forschung", "Science and research"),
        ("NRW-Ministerien", "NRW ministries"),
    ]
    assert participants[0].description_de == "entlang der Prozesskette"
    contact = group.contacts.select_related("person__organisation").get()
    assert contact.person.name == "Veronika Guder"
    assert contact.person.email == "guder@neue-effizienz.de"
    assert contact.person.organisation.slug == "neue-effizienz"
    assert (contact.role_de, contact.role_en) == ("Ansprechpartnerin", "Contact")


def test_nrw_and_uk_alliances_as_bodies_with_members(demo_content):
    nrw = Alliance.objects.get(slug="aluminiumbuendnis-nrw")
    assert nrw.kind == Alliance.Kind.REGIONAL_ALLIANCE
    assert str(nrw.founded_on) == "2021-11-30"
    assert [m.organisation.slug for m in nrw.memberships.select_related("organisation")] == [
        "speira",
        "trimet",
        "aluminium-deutschland",
        "ig-metall",
        "igbce",
        "wirtschaftsministerium-nrw",
    ]
    # Figures differ from seed 000: they carry their own year and scope.
    assert [(f.value, f.year, f.scope_de) for f in nrw.key_figures.all()] == [
        (Decimal("35000"), 2021, "Aluminiumindustrie in Nordrhein-Westfalen"),
        (Decimal("62000"), 2021, "Aluminiumindustrie in Deutschland"),
    ]
    press = nrw.contacts.select_related("person").get().person
    assert (press.name, press.phone, press.email) == (
        "Tim Stappen",
        "+49 211 4796-276",
        "tim.stappen@alu-d.de",
    )
    uk = Alliance.objects.get(slug="uk-aluminium-alliance")
    roles = {
        m.organisation.short_name: m.role for m in uk.memberships.select_related("organisation")
    }
    assert roles == {"ALFED": "founder", "CONETZ": "partner"}
    fields = uk.goals.filter(kind=Goal.Kind.FIELD_OF_ACTION)
    assert [f.title_de for f in fields] == [
        "Energiereform",
        "Sektor-Mapping",
        "Fachkräftesicherung",
        "Zirkuläre Märkte",
        "Politikdialog",
    ]
    assert [f.title_en for f in fields] == [
        "Energy reform",
        "Sector mapping",
        "Skills",
        "Circular markets",
        "Policy dialogue",
    ]


def snapshot():
    """Every row of every project model, and every media file with its checksum."""
    rows = {}
    for app_label in ("alliance_portal", "members", "news", "statements"):
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
    media = {
        str(path.relative_to(settings.MEDIA_ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in Path(settings.MEDIA_ROOT).rglob("*")
        if path.is_file()
    }
    return rows, media


def test_second_run_adds_and_changes_nothing(demo_content):
    assert "0 unchanged" in demo_content
    rows_before, media_before = snapshot()
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    rows_after, media_after = snapshot()
    assert "0 created, 0 changed, " in output.getvalue()
    assert "0 images generated" in output.getvalue()
    assert rows_after == rows_before
    assert media_after == media_before
    assert sum(len(r) for r in rows_before.values()) > 80


def test_a_run_repairs_edited_demo_content(demo_content):
    Organisation.objects.filter(slug="ig-metall").update(name_en="Wrong name")
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    assert "1 changed" in output.getvalue()
    assert Organisation.objects.get(slug="ig-metall").name_en == "IG Metall"


def test_demo_logos_are_generated_pngs_with_logo_alt_texts(demo_content):
    from PIL import Image

    logos = [(a, a.logo) for a in Alliance.objects.all()] + [
        (o, o.logo) for o in Organisation.objects.all()
    ]
    assert len(logos) == 18
    for owner, logo in logos:
        assert logo.name.endswith(f"/{owner.slug}-logo-v2.png"), logo.name
        with logo.open("rb") as file, Image.open(file) as image:
            assert (image.format, image.size) == ("PNG", (240, 240))
            assert image.convert("RGB").getpixel((2, 2)) == (255, 255, 255)
            # More than a flat square: an emblem and a word in the logo's colour.
            assert len(image.convert("RGB").getcolors(maxcolors=100_000)) > 20
        assert owner.logo_alt_en == f"Logo of {owner.name_en}"
        assert owner.logo_alt_de == f"Logo von {owner.name_de}"


def test_demo_alliances_have_distinct_brand_colours_dark_enough_for_white_text(demo_content):
    from alliance_portal.web.branding import contrast_ratio

    colours = dict(Alliance.objects.values_list("slug", "brand_colour"))
    assert colours == {
        "deutsche-aluminium-allianz": "#0b3d91",
        "aluminiumbuendnis-nrw": "#a11d21",
        "uk-aluminium-alliance": "#0f5257",
        "thementisch-metall": "#334155",
    }
    assert all(contrast_ratio(colour) >= 4.5 for colour in colours.values())


def test_a_run_replaces_earlier_demo_logos_once_and_keeps_uploaded_ones(demo_content):
    from django.core.files.base import ContentFile

    from alliance_portal.ops.demo import logo_png

    alliance = Alliance.objects.get(slug="deutsche-aluminium-allianz")
    organisation = Organisation.objects.get(slug="ig-metall")
    # A database from before: version 1 stored `<slug>.png` (here with a storage suffix).
    alliance.logo.save("deutsche-aluminium-allianz.png", ContentFile(logo_png("X", "old")))
    organisation.logo.save("eigenes-logo.png", ContentFile(logo_png("IGM", "uploaded")))
    uploaded = organisation.logo.name

    output = StringIO()
    call_command("load_demo_content", stdout=output)
    assert "1 images generated" in output.getvalue()
    alliance.refresh_from_db()
    organisation.refresh_from_db()
    assert alliance.logo.name == "alliances/logos/deutsche-aluminium-allianz-logo-v2.png" or (
        alliance.logo.name.startswith("alliances/logos/deutsche-aluminium-allianz-logo-v2_")
    )
    assert organisation.logo.name == uploaded

    again = StringIO()
    call_command("load_demo_content", stdout=again)
    assert "0 images generated" in again.getvalue()
