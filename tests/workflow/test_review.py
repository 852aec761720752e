"""Editors' changes to published items wait for a Publisher; no save overwrites another's.

The rules are in alliance_portal/publishing/review.py, the admin in review_admin.py.
"""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from alliance_portal.models import Alliance, KeyFigure
from alliance_portal.publishing import review
from alliance_portal.publishing.models import PendingChange, Publishable
from alliance_portal.publishing.roles import EDITOR
from members.models import Membership
from statements.models import PressStatement
from tests.admin_forms import admin_form, admin_url, change_url, errors
from tests.factories import make_organisation, make_statement

pytestmark = pytest.mark.django_db

DAA = "deutsche-aluminium-allianz"
NEW_SUMMARY = "Geänderte Kurzbeschreibung: „Wertschöpfung“ mit 87,5 % Recycling."
REVIEW_QUEUE = admin_url(PendingChange, "changelist")


def add_row(fields, prefix, **values):
    index = int(fields[f"{prefix}-TOTAL_FORMS"])
    for name, value in values.items():
        fields[f"{prefix}-{index}-{name}"] = value
    fields[f"{prefix}-TOTAL_FORMS"] = str(index + 1)


@pytest.fixture
def daa(demo_content):
    return Alliance.objects.get(slug=DAA)


@pytest.fixture
def newcomer(daa):
    return make_organisation(name_de="Neumitglied Walzwerk GmbH")


def propose(client, daa, newcomer):
    """An Editor's three changes in one save: summary, a member, a key figure."""
    url = change_url(daa)
    fields = admin_form(client, url)
    fields["summary_de"] = NEW_SUMMARY
    add_row(fields, "memberships", organisation=newcomer.pk, role="member")
    add_row(
        fields,
        "key_figures",
        label_de="Neue Kennzahl Prüfstand",
        value="4,321",
        unit="count",
        year="2026",
        scope_de="Deutschland",
        source_de="Eigene Erhebung",
    )
    response = client.post(url, fields)
    assert response.status_code == 302, errors(response)
    return PendingChange.objects.for_item(daa).get()


DAA_PAGES = [f"/de/alliances/{DAA}/", f"/en/alliances/{DAA}/"]


def public_texts(client, daa):
    return [client.get(url).content.decode() for url in DAA_PAGES]


def test_an_editors_change_waits_and_goes_live_at_once_on_approval(
    editor_client, publisher_client, daa, newcomer
):
    before = public_texts(Client(), daa)
    change = propose(editor_client, daa, newcomer)
    assert change.proposed_by == editor_client.user
    assert change.languages == ["de"]
    # Nothing public changed, in either language.
    assert public_texts(Client(), daa) == before
    assert not Membership.objects.filter(organisation=newcomer).exists()
    assert not KeyFigure.objects.filter(label_de="Neue Kennzahl Prüfstand").exists()

    queue = publisher_client.get(REVIEW_QUEUE).content.decode()
    assert "Deutsche Aluminium-Allianz" in queue and "edith" in queue
    page = publisher_client.get(admin_url(PendingChange, "change", change.pk)).content.decode()
    assert NEW_SUMMARY.replace("„", "&bdquo;") in page or "Geänderte Kurzbeschreibung" in page
    assert "Neumitglied Walzwerk GmbH" in page and "Neue Kennzahl Prüfstand" in page
    assert "added" in page

    response = publisher_client.post(
        admin_url(PendingChange, "change", change.pk), {"decision": "approve"}
    )
    assert response.status_code == 302
    german, english = public_texts(Client(), daa)
    assert "Geänderte Kurzbeschreibung" in german
    assert "Neumitglied Walzwerk GmbH" in german and "Neumitglied Walzwerk GmbH" in english
    assert "4.321" in german and "4,321" in english
    change.refresh_from_db()
    assert change.state == PendingChange.State.APPROVED
    comment = Version.objects.get_for_object(daa).first().revision.get_comment()
    assert "edith" in comment and "approved by paul" in comment


def test_the_form_continues_the_pending_change_and_keeps_one_per_item(editor_client, daa, newcomer):
    change = propose(editor_client, daa, newcomer)
    page = editor_client.get(change_url(daa)).content.decode()
    assert "is awaiting review" in page
    fields = admin_form(editor_client, change_url(daa))
    assert fields["summary_de"] == NEW_SUMMARY  # the form shows the change, not the live text
    assert newcomer.pk in {
        int(fields[f"memberships-{i}-organisation"] or 0)
        for i in range(int(fields["memberships-TOTAL_FORMS"]))
    }
    fields["summary_en"] = "A changed summary."
    assert editor_client.post(change_url(daa), fields).status_code == 302
    change.refresh_from_db()
    assert PendingChange.objects.for_item(daa).count() == 1
    assert change.languages == ["de", "en"]
    assert Alliance.objects.get(pk=daa.pk).summary_en != "A changed summary."


def test_preview_shows_the_change_with_a_banner_in_both_languages(
    editor_client, publisher_client, daa, newcomer
):
    change = propose(editor_client, daa, newcomer)
    for language in ("de", "en"):
        url = f"/admin/alliance_portal/pendingchange/{change.pk}/preview/{language}/"
        response = publisher_client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Neumitglied Walzwerk GmbH" in html
        assert 'class="preview-banner"' in html and "noindex" in html
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert "Neumitglied Walzwerk GmbH" not in Client().get(DAA_PAGES[0]).content.decode()
    assert (
        Client().get(f"/admin/alliance_portal/pendingchange/{change.pk}/preview/de/").status_code
        == 302
    )


def test_a_change_sent_back_shows_the_comment_to_its_author(
    editor_client, publisher_client, daa, newcomer
):
    change = propose(editor_client, daa, newcomer)
    review_page = admin_url(PendingChange, "change", change.pk)
    refused = publisher_client.post(review_page, {"decision": "send_back", "comment": " "})
    assert "Say what should change" in refused.content.decode()
    publisher_client.post(
        review_page, {"decision": "send_back", "comment": "Bitte Quelle der Kennzahl nennen."}
    )
    change.refresh_from_db()
    assert change.state == PendingChange.State.RETURNED
    page = editor_client.get(change_url(daa)).content.decode()
    assert "sent the change by edith back" in page
    assert "Bitte Quelle der Kennzahl nennen." in page
    queue = editor_client.get(REVIEW_QUEUE).content.decode()
    assert "Sent back" in queue
    history = Version.objects.get_for_object(daa).first().revision.get_comment()
    assert "sent back by paul" in history and "Bitte Quelle" in history
    # Saving it again submits it again.
    fields = admin_form(editor_client, change_url(daa))
    assert editor_client.post(change_url(daa), fields).status_code == 302
    change.refresh_from_db()
    assert change.state == PendingChange.State.PENDING


def test_a_scheduled_approval_goes_live_at_its_time_everywhere(
    editor_client, publisher_client, daa, newcomer
):
    change = propose(editor_client, daa, newcomer)
    when = timezone.localtime(timezone.now() + timedelta(days=2)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    response = publisher_client.post(
        admin_url(PendingChange, "change", change.pk),
        {
            "decision": "schedule",
            "go_live_at_0": when.strftime("%Y-%m-%d"),
            "go_live_at_1": "09:00",
        },
    )
    assert response.status_code == 302, errors(response)
    change.refresh_from_db()
    assert (change.state, change.go_live_at) == (PendingChange.State.SCHEDULED, when)
    visitor = Client()
    search = "/de/search/?q=Kurzbeschreibung"
    feed = "/de/feeds/press/"
    assert "Geänderte Kurzbeschreibung" not in visitor.get(DAA_PAGES[0]).content.decode()
    with time_machine.travel(when + timedelta(minutes=1)):
        page = visitor.get(DAA_PAGES[0]).content.decode()
        assert "Geänderte Kurzbeschreibung" in page
        assert f"/alliances/{DAA}/" in visitor.get(search).content.decode()
        assert visitor.get(feed).status_code == 200
    change.refresh_from_db()
    assert change.state == PendingChange.State.APPROVED


def test_a_scheduled_approval_of_a_statement_reaches_the_feed(editor_client, publisher_client):
    statement = make_statement(
        headline_de="Ursprüngliche Schlagzeile", status=Publishable.Status.PUBLISHED
    )
    url = change_url(statement)
    fields = admin_form(editor_client, url)
    fields["headline_de"] = "Geplante neue Schlagzeile"
    assert editor_client.post(url, fields).status_code == 302, errors(
        editor_client.post(url, fields)
    )
    change = PendingChange.objects.for_item(statement).get()
    review.approve(change, publisher_client.user, at=timezone.now() + timedelta(hours=3))
    feed = "/de/feeds/press/"
    assert "Geplante neue Schlagzeile" not in Client().get(feed).content.decode()
    with time_machine.travel(timezone.now() + timedelta(hours=3, minutes=1)):
        assert "Geplante neue Schlagzeile" in Client().get(feed).content.decode()


# --- Roles ---------------------------------------------------------------------------


def test_an_editor_cannot_approve_schedule_or_discard(editor_client, daa, newcomer):
    change = propose(editor_client, daa, newcomer)
    review_page = admin_url(PendingChange, "change", change.pk)
    html = editor_client.get(review_page).content.decode()
    assert 'value="approve"' not in html and "A Publisher decides" in html
    for decision in ("approve", "schedule", "send_back", "discard"):
        response = editor_client.post(
            review_page, {"decision": decision, "comment": "x", "go_live_at_0": "2030-01-01"}
        )
        assert response.status_code == 403
    change.refresh_from_db()
    assert change.state == PendingChange.State.PENDING
    assert not Membership.objects.filter(organisation=newcomer).exists()


def test_an_editor_cannot_make_a_change_live_by_crafting_a_post(editor_client, daa, newcomer):
    url = change_url(daa)
    fields = admin_form(editor_client, url)
    fields.update(
        {
            "summary_de": NEW_SUMMARY,
            "status": Publishable.Status.PUBLISHED,
            "_save_for_review": "",  # absent
            "decision": "approve",
        }
    )
    del fields["_save_for_review"]
    assert editor_client.post(url, fields).status_code == 302
    assert Alliance.objects.get(pk=daa.pk).summary_de != NEW_SUMMARY
    # Not through the history either: restoring is publishing.
    version = Version.objects.get_for_object(daa).first()
    restore = admin_url(Alliance, "revision", daa.pk, version.pk)
    assert editor_client.post(restore, admin_form(editor_client, url)).status_code == 403


def test_a_publisher_may_save_for_review_and_an_editor_may_not_skip_it(publisher_client, daa):
    url = change_url(daa)
    fields = admin_form(publisher_client, url)
    fields["summary_de"] = NEW_SUMMARY
    fields["_save_for_review"] = "Save for review"
    assert publisher_client.post(url, fields).status_code == 302
    assert Alliance.objects.get(pk=daa.pk).summary_de != NEW_SUMMARY
    assert PendingChange.objects.for_item(daa).get().sets_publication


# --- Embargo ----------------------------------------------------------------------


def test_under_embargo_an_editors_change_waits_and_a_publishers_applies(
    editor_client, publisher_client
):
    release = timezone.now() + timedelta(hours=2)
    statement = make_statement(
        headline_de="Gesperrte Meldung", status=Publishable.Status.PUBLISHED, published_at=release
    )
    url = change_url(statement)
    fields = admin_form(editor_client, url)
    fields["headline_de"] = "Vom Editor geändert"
    assert editor_client.post(url, fields).status_code == 302
    with time_machine.travel(release + timedelta(minutes=1)):
        page = Client().get(statement.get_absolute_url()).content.decode()
        assert "Gesperrte Meldung" in page and "Vom Editor geändert" not in page
    PendingChange.objects.for_item(statement).update(state=PendingChange.State.DISCARDED)
    fields = admin_form(publisher_client, url)
    fields["headline_de"] = "Vom Publisher geändert"
    assert publisher_client.post(url, fields).status_code == 302
    assert PressStatement.objects.get(pk=statement.pk).headline_de == "Vom Publisher geändert"


# --- Concurrent edits -------------------------------------------------------------


def second_editor(django_user_model):
    client = Client()
    user = django_user_model.objects.create_user(
        "anna", "anna@example.org", "another long password", first_name="Anna", last_name="Schmidt"
    )
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_a_save_from_an_outdated_form_is_refused_and_keeps_what_was_typed(
    editor_client, django_user_model
):
    statement = make_statement(headline_de="Gemeinsame Erklärung", status=Publishable.Status.DRAFT)
    url = change_url(statement)
    anna = second_editor(django_user_model)
    mine = admin_form(editor_client, url)
    hers = admin_form(anna, url)
    hers["lead_de"] = "Annas neuer Vorspann."
    assert anna.post(url, hers).status_code == 302
    mine["headline_de"] = "Meine getippte Schlagzeile"
    refused = editor_client.post(url, mine)
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Anna Schmidt changed this item" in html
    assert "Lead" in html or "lead" in html
    assert 'value="Meine getippte Schlagzeile"' in html
    assert PressStatement.objects.get(pk=statement.pk).headline_de == "Gemeinsame Erklärung"
    # Having seen the message, saving again keeps the typed values.
    again = admin_form(editor_client, url)  # (a fresh form, as the re-rendered one carries)
    again["headline_de"] = "Meine getippte Schlagzeile"
    retried = editor_client.post(url, again)
    assert retried.status_code == 302, errors(retried)


def test_two_editors_of_one_pending_change_do_not_overwrite_each_other(
    editor_client, django_user_model, daa, newcomer
):
    propose(editor_client, daa, newcomer)
    anna = second_editor(django_user_model)
    mine, hers = admin_form(editor_client, change_url(daa)), admin_form(anna, change_url(daa))
    hers["summary_en"] = "Anna's English summary."
    assert anna.post(change_url(daa), hers).status_code == 302
    mine["summary_en"] = "Edith's English summary."
    html = editor_client.post(change_url(daa), mine).content.decode()
    assert "Anna Schmidt changed the pending change" in html
    assert PendingChange.objects.for_item(daa).get().snapshot != []


def test_preview_links_stay_outside_review(editor_client, publisher_client):
    from statements.models import PreviewLink

    statement = make_statement(headline_de="Mit Vorschaulink")
    url = change_url(statement)
    fields = admin_form(editor_client, url)
    fields["headline_de"] = "Vorschaulink bleibt"
    assert editor_client.post(url, fields).status_code == 302
    link = PreviewLink.objects.create(
        statement=statement,
        recipient="Redaktion",
        created_by=publisher_client.user,
        expires_at=timezone.now() + timedelta(days=1),
    )
    change = PendingChange.objects.for_item(statement).get()
    page = publisher_client.get(admin_url(PendingChange, "change", change.pk)).content.decode()
    assert "removed" not in page
    review.approve(change, publisher_client.user)
    assert PreviewLink.objects.filter(pk=link.pk).exists()
    assert PressStatement.objects.get(pk=statement.pk).headline_de == "Vorschaulink bleibt"


def test_deleting_an_item_discards_its_open_change(editor_client, publisher_client, daa, newcomer):
    change = propose(editor_client, daa, newcomer)
    assert (
        publisher_client.post(admin_url(Alliance, "delete", daa.pk), {"post": "yes"}).status_code
        == 302
    )
    change.refresh_from_db()
    assert change.state == PendingChange.State.DISCARDED
    assert publisher_client.get(REVIEW_QUEUE).content.decode().count("Deutsche Aluminium") == 0


def test_a_scheduled_change_that_cannot_go_live_is_sent_back_not_retried(
    editor_client, publisher_client, daa, newcomer
):
    change = propose(editor_client, daa, newcomer)
    review.approve(change, publisher_client.user, at=timezone.now() + timedelta(hours=1))
    PendingChange.objects.filter(pk=change.pk).update(object_id="999999")  # item gone
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert Client().get("/de/").status_code == 200
    change.refresh_from_db()
    assert change.state == PendingChange.State.RETURNED
    assert "Could not go live" in change.review_comment


def test_public_queries_do_not_grow_with_pending_and_scheduled_changes(
    editor_client, publisher_client, daa, newcomer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    visitor = Client()
    pages = [*DAA_PAGES, "/de/", "/de/search/?q=Aluminium", "/de/feeds/press/"]

    def counts():
        for page in pages:
            visitor.get(page)  # the same warm-up before each measurement
        measured = []
        for page in pages:
            with CaptureQueriesContext(connection) as queries:
                assert visitor.get(page).status_code == 200
            measured.append(len(queries))
        return measured

    before = counts()
    change = propose(editor_client, daa, newcomer)
    review.approve(change, publisher_client.user, at=timezone.now() + timedelta(days=1))
    assert counts() == before


def test_a_form_shown_again_with_an_emptied_slug_is_not_a_500(publisher_client):
    statement = make_statement(status=Publishable.Status.DRAFT)
    url = change_url(statement)
    fields = admin_form(publisher_client, url)
    fields.update({"slug": "", "headline_de": ""})
    response = publisher_client.post(url, fields)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


NRW_STATEMENT = "aluminiumbuendnis-nrw-gemeinsame-erklaerung"


def downloads_text(client, slug):
    """The statement's page, PDF and press kit as a visitor gets them, as text."""
    import io
    import zipfile

    from pypdf import PdfReader

    page = client.get(f"/de/press/{slug}/").content.decode()
    pdf = client.get(f"/de/press/{slug}/pdf/").content
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    kit = b"".join(client.get(f"/de/press/{slug}/press-kit.zip").streaming_content)
    with zipfile.ZipFile(io.BytesIO(kit)) as archive:
        kit_text = " ".join(
            archive.read(name).decode("utf-8", "ignore")
            for name in archive.namelist()
            if name.endswith((".txt", ".md", ".html"))
        )
    return {"page": page, "pdf": " ".join(pdf_text.split()), "press kit": kit_text}


def test_cached_pages_pdfs_and_press_kits_show_the_live_version_until_approval(
    editor_client, publisher_client, demo_content, settings
):
    from django.core.cache import caches

    settings.PAGE_CACHE_SECONDS = 600
    for alias in ("default", "coordination"):
        caches[alias].clear()
    statement = PressStatement.objects.get(slug=NRW_STATEMENT)
    visitor = Client()
    downloads_text(visitor, NRW_STATEMENT)  # cached as they are
    url = change_url(statement)
    fields = admin_form(editor_client, url)
    fields["headline_de"] = "Schlagzeile nach der Prüfung"
    assert editor_client.post(url, fields).status_code == 302
    for door, text in downloads_text(visitor, NRW_STATEMENT).items():
        assert "Schlagzeile nach der Prüfung" not in text, door
    review.approve(PendingChange.objects.for_item(statement).get(), publisher_client.user)
    for door, text in downloads_text(visitor, NRW_STATEMENT).items():
        assert "Schlagzeile nach der Prüfung" in text, door


def test_removed_and_moved_parts_are_compared_and_restorable(editor_client, publisher_client, daa):
    url = change_url(daa)
    fields = admin_form(editor_client, url)
    demands = int(fields["demands-TOTAL_FORMS"])
    assert demands >= 2
    first_title = fields["demands-0-title_de"]
    fields["demands-0-position"] = str(demands + 1)  # the first demand goes to the end
    figure = fields["key_figures-0-label_de"]
    fields["key_figures-0-DELETE"] = "on"
    assert editor_client.post(url, fields).status_code == 302, errors(
        editor_client.post(url, fields)
    )
    change = PendingChange.objects.for_item(daa).get()
    page = publisher_client.get(admin_url(PendingChange, "change", change.pk)).content.decode()
    assert "moved" in page and "removed" in page
    assert "key figures: 1 removed" in change.summary.lower() or "removed" in change.summary
    review.approve(change, publisher_client.user)
    assert daa.demands.order_by("position").last().title_de == first_title
    assert not daa.key_figures.filter(label_de=figure).exists()
    # The live version the approval replaced is in the history and can be restored.
    before_approval = Version.objects.get_for_object(daa)[1]
    restore = admin_url(Alliance, "revision", daa.pk, before_approval.pk)
    form = admin_form(publisher_client, restore)
    assert publisher_client.post(restore, form).status_code == 302
    assert daa.key_figures.filter(label_de=figure).exists()
    assert daa.demands.order_by("position").first().title_de == first_title


def test_a_german_office_types_the_go_live_time_its_own_way(editor_client, publisher_client, daa):
    url = change_url(daa)
    fields = admin_form(editor_client, url)
    fields["summary_de"] = NEW_SUMMARY
    assert editor_client.post(url, fields).status_code == 302
    change = PendingChange.objects.for_item(daa).get()
    review_page = admin_url(PendingChange, "change", change.pk)
    german = {"HTTP_ACCEPT_LANGUAGE": "de"}
    past = publisher_client.post(
        review_page,
        {"decision": "schedule", "go_live_at_0": "01.02.2020", "go_live_at_1": "09:00"},
        **german,
    )
    html = past.content.decode()
    assert "Dieser Zeitpunkt ist vorbei" in html and 'value="01.02.2020"' in html
    when = timezone.localtime(timezone.now() + timedelta(days=3))
    response = publisher_client.post(
        review_page,
        {
            "decision": "schedule",
            "go_live_at_0": when.strftime("%d.%m.%Y"),
            "go_live_at_1": "14:30",
        },
        **german,
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert timezone.localtime(change.go_live_at).strftime("%d.%m.%Y %H:%M") == (
        f"{when:%d.%m.%Y} 14:30"
    )
