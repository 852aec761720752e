"""Editors write, Publishers decide what the public sees: enforced on the server."""

import pytest
from django.contrib.auth.models import Group
from reversion.models import Version

from alliance_portal.models import Alliance, Goal
from alliance_portal.publishing.models import PendingChange, Publishable
from alliance_portal.publishing.roles import EDITOR, PUBLISHER
from members.models import Organisation
from news.models import Article, NewsItem
from statements.models import PressStatement
from tests.admin_forms import admin_form, admin_url, errors
from tests.factories import make_alliance, make_goal

pytestmark = pytest.mark.django_db

DRAFT = Publishable.Status.DRAFT
PUBLISHED = Publishable.Status.PUBLISHED
PUBLISHABLE_MODELS = ["alliance", "organisation", "newsitem", "article", "pressstatement"]


def test_the_roles_exist_with_the_right_permissions():
    editor = {p.codename for p in Group.objects.get(name=EDITOR).permissions.all()}
    publisher = {p.codename for p in Group.objects.get(name=PUBLISHER).permissions.all()}
    for model in PUBLISHABLE_MODELS:
        for action in ("add", "change", "delete", "view"):
            assert f"{action}_{model}" in editor and f"{action}_{model}" in publisher
        assert f"publish_{model}" not in editor
        assert f"publish_{model}" in publisher
    for part in ("goal", "membership", "quote", "attachment", "articlesection"):
        assert f"change_{part}" in editor
    # Sending embargoed statements to journalists is a publishing decision.
    assert "add_previewlink" in publisher and "add_previewlink" not in editor
    assert not any(name.endswith("_user") or name.endswith("_group") for name in editor | publisher)


# --- An Editor cannot publish: not by action, form field or crafted POST ---


def test_editor_is_not_offered_publish_actions_or_fields(editor_client):
    draft = make_alliance(status=DRAFT)
    changelist = editor_client.get(admin_url(Alliance, "changelist")).content.decode()
    assert 'value="publish"' not in changelist and 'value="unpublish"' not in changelist
    change_form = editor_client.get(admin_url(Alliance, "change", draft.pk)).content.decode()
    assert 'name="status"' not in change_form
    assert 'name="published_at_0"' not in change_form and 'name="unpublish_at_0"' not in change_form
    assert 'name="name_de"' in change_form  # but the content is editable


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_editor_cannot_run_publish_actions_by_crafted_post(editor_client, action):
    draft = make_alliance(status=DRAFT)
    published = make_alliance(status=PUBLISHED)
    response = editor_client.post(
        admin_url(Alliance, "changelist"),
        {"action": action, "_selected_action": [draft.pk, published.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "No action selected." in response.content.decode()
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (DRAFT, PUBLISHED)


def test_editor_cannot_publish_through_the_change_form(editor_client):
    draft = make_alliance(status=DRAFT)
    url = admin_url(Alliance, "change", draft.pk)
    fields = admin_form(editor_client, url)
    fields.update(
        {"name_de": "Neuer Name", "status": PUBLISHED, "published_at_0": "01.01.2020"},
    )
    response = editor_client.post(url, fields)
    assert response.status_code == 302, errors(response)
    draft.refresh_from_db()
    assert draft.name_de == "Neuer Name"  # the edit was saved…
    assert draft.status == DRAFT  # …the crafted status was not


def test_editor_creates_drafts_only_even_when_posting_a_status(editor_client):
    url = admin_url(NewsItem, "add")
    fields = admin_form(editor_client, url)
    fields.update(
        {
            "title_de": "Entwurf einer Meldung",
            "teaser_de": "Kurz.",
            "status": PUBLISHED,
            "published_at_0": "01.01.2020",
            "published_at_1": "10:00:00",
        }
    )
    response = editor_client.post(url, fields)
    assert response.status_code == 302, errors(response)
    item = NewsItem.objects.get(title_de="Entwurf einer Meldung")
    assert item.status == DRAFT
    assert not NewsItem.objects.published().filter(pk=item.pk).exists()


@pytest.mark.parametrize("model", [Alliance, Organisation, PressStatement, NewsItem, Article])
def test_editor_changes_published_content_only_through_review(editor_client, demo_content, model):
    item = model.objects.published().first()
    change_url = admin_url(model, "change", item.pk)
    page = editor_client.get(change_url)
    html = page.content.decode()
    assert "your changes go to a Publisher for review" in html
    assert 'name="status"' not in html
    before = model.objects.get(pk=item.pk).updated_at
    fields = admin_form(editor_client, change_url)
    fields["status"] = DRAFT  # crafted: not a field Editors have
    response = editor_client.post(change_url, fields)
    assert response.status_code == 302, errors(response)
    # The live item is untouched; the save became a pending change.
    assert model.objects.filter(pk=item.pk, status=PUBLISHED, updated_at=before).exists()
    assert PendingChange.objects.for_item(item).get().state == PendingChange.State.PENDING
    assert (
        editor_client.post(admin_url(model, "delete", item.pk), {"post": "yes"}).status_code == 403
    )
    bulk = editor_client.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 403)
    assert model.objects.filter(pk=item.pk, status=PUBLISHED, updated_at=before).exists()


def test_editor_may_delete_a_draft(editor_client):
    draft = make_alliance(status=DRAFT)
    response = editor_client.post(admin_url(Alliance, "delete", draft.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Alliance.objects.filter(pk=draft.pk).exists()


def test_editor_cannot_change_parts_of_published_alliances_elsewhere(editor_client):
    goal = make_goal(alliance=make_alliance(status=PUBLISHED))
    assert editor_client.post(admin_url(Goal, "change", goal.pk), {}).status_code == 403
    assert (
        editor_client.post(admin_url(Goal, "delete", goal.pk), {"post": "yes"}).status_code == 403
    )
    # A new goal can only be attached to a draft alliance.
    published, draft = goal.alliance, make_alliance(status=DRAFT)
    for alliance, expected in ((published, 0), (draft, 1)):
        response = editor_client.post(
            admin_url(Goal, "add"),
            {
                "alliance": alliance.pk,
                "kind": "goal",
                "position": 0,
                "title_de": "Neues Ziel",
                "children-TOTAL_FORMS": 0,
                "children-INITIAL_FORMS": 0,
            },
        )
        assert Goal.objects.filter(alliance=alliance, title_de="Neues Ziel").count() == expected
        if not expected:
            assert "Select a valid choice" in response.content.decode()


# --- A Publisher can ---


def test_publisher_publishes_by_action_and_by_form(publisher_client):
    by_action, by_form = make_alliance(status=DRAFT), make_alliance(status=DRAFT)
    response = publisher_client.post(
        admin_url(Alliance, "changelist"),
        {"action": "publish", "_selected_action": [by_action.pk]},
        follow=True,
    )
    assert "1 item published." in response.content.decode()
    # The action is on the item's history, with who did it.
    version = Version.objects.get_for_object(by_action).get()
    assert version.revision.get_comment() == "Published."
    assert version.revision.user == publisher_client.user
    url = admin_url(Alliance, "change", by_form.pk)
    fields = admin_form(publisher_client, url)
    assert fields["status"] == DRAFT
    fields["status"] = PUBLISHED
    assert publisher_client.post(url, fields).status_code == 302
    assert set(Alliance.objects.published().values_list("pk", flat=True)) == {
        by_action.pk,
        by_form.pk,
    }


def test_publisher_unpublishes_and_deletes_published_content(publisher_client):
    unpublished, deleted = make_alliance(status=PUBLISHED), make_alliance(status=PUBLISHED)
    publisher_client.post(
        admin_url(Alliance, "changelist"),
        {"action": "unpublish", "_selected_action": [unpublished.pk]},
    )
    unpublished.refresh_from_db()
    assert unpublished.status == DRAFT
    response = publisher_client.post(admin_url(Alliance, "delete", deleted.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Alliance.objects.filter(pk=deleted.pk).exists()
