"""Rich text: the allow-list, the write paths that clean, and the plain text derived from it."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django_prose_editor.config import allowlist_from_extensions

from alliance_portal import richtext as rich_text
from alliance_portal.models import Alliance, Section
from alliance_portal.richtext.fields import EDITOR_EXTENSIONS
from members.models import Organisation
from news.models import NewsItem
from tests.admin_forms import admin_form
from tests.factories import make_alliance, make_organisation
from tests.xss_corpus import PAYLOADS

REL = 'rel="noopener noreferrer"'


# --- The allow-list ------------------------------------------------------------------


def test_what_the_editor_makes_is_exactly_what_the_allow_list_keeps():
    editor = allowlist_from_extensions(EDITOR_EXTENSIONS)
    assert editor["tags"] == rich_text.ALLOWED_TAGS
    assert editor["url_schemes"] == rich_text.URL_SCHEMES


def test_allowed_markup_is_kept():
    html = (
        "<h2>Ziele</h2><h3>Energie</h3><h4>Strom</h4>"
        "<p><strong>fett</strong>, <em>kursiv</em><br>neue Zeile</p>"
        "<ul><li>eins<ol><li>a</li></ol></li></ul><blockquote><p>Zitat</p></blockquote>"
    )
    assert rich_text.clean(html) == html


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        ("https://example.org/a?b=1&amp;c=2", True),
        ("http://example.org/", True),
        ("mailto:presse@example.org", True),
        ("tel:+492114796276", True),
        ("/de/alliances/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("jav&#x09;ascript:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("vbscript:msgbox(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("ftp://example.org/", False),
        ("", False),
    ],
)
def test_links_keep_only_allowed_schemes_and_get_rel(href, kept):
    html = rich_text.clean(f'<p><a href="{href}" target="_blank" title="t" id="x">Link</a></p>')
    if kept:
        assert html == f'<p><a href="{href}" {REL}>Link</a></p>'
    else:
        assert html == "<p>Link</p>"


@pytest.mark.parametrize(
    ("markup", "cleaned"),
    [
        ("<script>alert(1)</script><p>Text</p>", "<p>Text</p>"),
        ('<p onclick="alert(1)" style="color:red" class="x" lang="en">Text</p>', "<p>Text</p>"),
        ("<h1>Titel</h1><p>Text</p>", "<p>Titel</p><p>Text</p>"),
        ("<p><b>b</b> <i>i</i> <u>u</u> <span>s</span></p>", "<p>b i u s</p>"),
        ("<p>Text</p><!-- Kommentar -->", "<p>Text</p>"),
        ('<p>Bild <img src="x.png" onerror="alert(1)"></p>', "<p>Bild </p>"),
        ("<iframe src='https://example.org'></iframe><p>x</p>", "<p>x</p>"),
        ("<style>p { color: red }</style><p>x</p>", "<p>x</p>"),
        ("<p></p><p> <br> </p><p>x</p><p></p>", "<p>x</p>"),
        ("<p></p>", ""),
        ("<script>alert(1)</script>", ""),
        ("<ul><li></li></ul>", ""),
    ],
)
def test_everything_else_is_removed(markup, cleaned):
    assert rich_text.clean(markup) == cleaned


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Ein Absatz", "<p>Ein Absatz</p>"),
        ("Zeile 1\nZeile 2\n\nZweiter Absatz", "<p>Zeile 1<br>Zeile 2</p><p>Zweiter Absatz</p>"),
        ("Tom & Jerry <b>fett</b>", "<p>Tom &amp; Jerry &lt;b&gt;fett&lt;/b&gt;</p>"),
        ("a < b > c", "<p>a &lt; b &gt; c</p>"),
        ("  \n\n ", ""),
    ],
)
def test_plain_text_becomes_escaped_paragraphs(text, html):
    """Text that does not begin with a tag is plain text: its < and & stay characters."""
    assert rich_text.clean(text) == html
    assert rich_text.from_plain_text(text) == html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cleaning_twice_changes_nothing(payload):
    once = rich_text.clean(payload)
    assert rich_text.clean(once) == once
    assert "<script" not in once.lower()
    assert "javascript:" not in once.lower()


def test_plain_text_of_rich_text():
    html = (
        "<h2>Ziele</h2><p>Energie &amp; Klima<br>und mehr</p>"
        "<ul><li>eins<ul><li>eins a</li></ul></li><li>zwei</li></ul>"
        "<ol><li>erstens</li><li>zweitens</li></ol><blockquote><p>Zitat</p></blockquote>"
    )
    assert rich_text.to_plain_text(html) == (
        "Ziele\n\nEnergie & Klima\nund mehr\n\n• eins\n  • eins a\n• zwei\n\n"
        "1. erstens\n2. zweitens\n\nZitat"
    )
    assert rich_text.to_plain_line(html) == (
        "Ziele Energie & Klima und mehr • eins • eins a • zwei 1. erstens 2. zweitens Zitat"
    )
    assert rich_text.to_plain_text("<script>alert(1)</script><p>x</p>") == "x"


def test_markdown_becomes_clean_html():
    assert rich_text.from_markdown("**fett** und *kursiv*\n\n- a\n- b") == (
        "<p><strong>fett</strong> und <em>kursiv</em></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    )
    assert rich_text.from_markdown("<b>roh</b> [x](javascript:alert(1))") == (
        "<p>&lt;b&gt;roh&lt;/b&gt; [x](javascript:alert(1))</p>"
    )


# --- Every way into the database cleans ----------------------------------------------

HOSTILE = '<p>Text<img src=x onerror=alert(1)> <a href="javascript:alert(1)">Link</a></p>'
CLEAN = "<p>Text Link</p>"


@pytest.mark.django_db
def test_save_cleans_every_language_and_the_instance():
    organisation = make_organisation(description_de=HOSTILE, description_en=HOSTILE)
    assert (organisation.description_de, organisation.description_en) == (CLEAN, CLEAN)
    organisation.refresh_from_db()
    assert (organisation.description_de, organisation.description_en) == (CLEAN, CLEAN)


@pytest.mark.django_db
def test_saving_in_english_leaves_the_german_fallback_where_it_is():
    organisation = make_organisation(description_de="<p>Nur Deutsch</p>")
    with translation.override("en"):
        organisation.description_de = HOSTILE
        organisation.save()
    organisation.refresh_from_db()
    assert organisation.description_de == CLEAN
    assert organisation.description_en in ("", None)


@pytest.mark.django_db
def test_update_bulk_create_and_raw_fixtures_clean_too():
    alliance = make_alliance()
    Alliance.objects.filter(pk=alliance.pk).update(description_de=HOSTILE)
    Section.objects.bulk_create([Section(alliance=alliance, heading_de="S", body_de=HOSTILE)])
    alliance.refresh_from_db()
    assert alliance.description_de == CLEAN
    assert Section.objects.get().body_de == CLEAN
    organisation = make_organisation()
    organisation.description_en = HOSTILE  # in memory only; bulk_update skips save()
    Organisation.objects.bulk_update([organisation], ["description_en"])
    assert Organisation.objects.get(pk=organisation.pk).description_en == CLEAN
    data = serializers.serialize("json", [alliance])
    Alliance.objects.filter(pk=alliance.pk).delete()
    for obj in serializers.deserialize("json", data.replace(CLEAN, HOSTILE.replace('"', '\\"'))):
        obj.save()  # as loaddata does: raw, no pre_save
    assert Alliance.objects.get(pk=alliance.pk).description_de == CLEAN


@pytest.mark.django_db
def test_an_editor_left_with_an_empty_paragraph_is_blank():
    item = NewsItem(title_de="T", teaser_de="T", body_de="<p><br></p>")
    item.full_clean()
    assert item.body_de == ""
    section = Section(alliance=make_alliance(), heading_de="Leer", body_de="<p></p>")
    with pytest.raises(ValidationError) as error:
        section.full_clean()
    assert "body_de" in error.value.message_dict


@pytest.mark.django_db
def test_the_admin_stores_clean_html_in_both_languages(admin_client, demo_content):
    organisation = Organisation.objects.get(slug="ig-metall")
    url = reverse("admin:members_organisation_change", args=[organisation.pk])
    html = admin_client.get(url).content.decode()
    # One editor per language tab.
    assert html.count("data-django-prose-editor-configurable") == 2
    fields = admin_form(admin_client, url)
    fields["description_de"] = HOSTILE
    fields["description_en"] = '<h2>About</h2><p><a href="https://igmetall.de">IG Metall</a></p>'
    response = admin_client.post(url, fields)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    organisation.refresh_from_db()
    assert organisation.description_de == CLEAN
    assert organisation.description_en == (
        f'<h2>About</h2><p><a href="https://igmetall.de" {REL}>IG Metall</a></p>'
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "slug", "editors"),
    [
        # description, founding text; one section row and the empty row for "add another"
        ("alliance_portal.Alliance", "thementisch-metall", 2 * (2 + 1 + 1)),
        # seven imported sections with text and side note, and the empty row
        ("news.Article", "aluminium-als-klimaneutraler-energietraeger", 2 * 2 * (7 + 1)),
        ("news.NewsItem", "alfed-gruendet-uk-aluminium-alliance", 2),
        ("statements.PressStatement", "aluminiumbuendnis-nrw-gemeinsame-erklaerung", 2),
    ],
)
def test_every_rich_text_field_has_an_editor_per_language(
    admin_client, demo_content, model, slug, editors
):
    obj = apps.get_model(model).objects.get(slug=slug)
    meta = obj._meta
    response = admin_client.get(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    )
    assert response.status_code == 200
    assert response.content.decode().count("data-django-prose-editor-configurable") == editors


def give_requests_a_csp_nonce(get_response):
    """What django-csp does for the editor's import map: request.csp_nonce."""

    def middleware(request):
        request.csp_nonce = "n0nce-for-the-test"
        return get_response(request)

    return middleware


@pytest.mark.django_db
def test_the_editor_import_map_carries_the_requests_csp_nonce(admin_client, settings):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "tests.alliance_portal.test_rich_text.give_requests_a_csp_nonce",
    ]
    alliance = make_alliance()
    url = reverse("admin:alliance_portal_alliance_change", args=[alliance.pk])
    html = admin_client.get(url).content.decode()
    assert '<script type="importmap" nonce="n0nce-for-the-test">' in html
    assert 'src="/static/django_prose_editor/editor.js" nonce="n0nce-for-the-test"' in html


@pytest.mark.django_db
def test_demo_content_and_the_imported_article_are_html(demo_content):
    uk_news = NewsItem.objects.get(slug="alfed-gruendet-uk-aluminium-alliance")
    assert "<ol><li>Energiereform</li>" in uk_news.body_de
    assert "<ol><li>Energy reform</li>" in uk_news.body_en
    assert Organisation.objects.get(slug="ig-metall").description_de.startswith("<p>")


# --- Pages, search and the German fallback ---------------------------------------------


@pytest.mark.django_db
def test_rich_mode_marks_only_clean_html_safe_and_keeps_the_fallback_note():
    organisation = make_organisation(description_de="<p>Nur <strong>deutsch</strong></p>")
    # Past the model, as raw SQL would write it.
    Organisation.objects.filter(pk=organisation.pk).update(description_en="")
    template = Template('{% load translated %}{% translated org "description" rich=True %}')
    with translation.override("en"):
        html = template.render(Context({"org": organisation}))
    assert html == (
        '<div lang="de" class="fallback"><p>Nur <strong>deutsch</strong></p> '
        '<small class="fallback-note">(in German: not yet translated)</small></div>'
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Organisation._meta.db_table} SET description_de = %s WHERE id = %s",
            [HOSTILE, organisation.pk],
        )
    organisation.refresh_from_db()
    assert template.render(Context({"org": organisation})) == CLEAN


@pytest.mark.django_db
def test_meta_description_json_ld_and_search_use_plain_text(client):
    organisation = make_organisation(
        name_de="Gießerei Beispiel",
        description_de="<p>Die <strong>Gießerei</strong> &amp; ihre <em>Leute</em></p>",
    )
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Die Gießerei &amp; ihre Leute">' in html
    assert '"description": "Die Gießerei \\u0026 ihre Leute"' in html
    results = client.get("/de/search/", {"q": "Leute"}).content.decode()
    assert "ihre <mark>Leute</mark>" in results
    assert "&lt;" not in results and "strong" not in results


# --- The data migration ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_migration_turns_plain_text_into_escaped_paragraphs_and_back():
    before = [("members", "0005_image_sizes_and_checked_uploads")]
    after = [("members", "0006_rich_text_from_plain_text")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    old_organisation = old_apps.get_model("members", "Organisation")
    plain = "Tom & Jerry <b>\nzweite Zeile\n\nZweiter Absatz"
    pk = old_organisation.objects.create(
        name="Beispiel", name_de="Beispiel", slug="beispiel", kind="company",
        description=plain, description_de=plain, description_en=None,
    ).pk  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    # Read as of that migration: later ones add columns the current model has.
    migrated = (
        executor.loader.project_state(after).apps.get_model("members", "Organisation")
    ).objects.get(pk=pk)
    html = "<p>Tom &amp; Jerry &lt;b&gt;<br>zweite Zeile</p><p>Zweiter Absatz</p>"
    assert migrated.description_de == html
    assert migrated.description_en is None

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    back = old_apps.get_model("members", "Organisation").objects.get(pk=pk)
    assert back.description_de == "Tom & Jerry <b>\nzweite Zeile\n\nZweiter Absatz"
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
