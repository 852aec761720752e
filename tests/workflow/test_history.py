"""History and undo: every admin change and deletion is kept and can be restored."""

import pytest
from django.urls import reverse
from reversion.models import Version

from alliance_portal.models import Alliance, Demand, Goal, KeyFigure, Section
from alliance_portal.publishing.translation_status import translated_fields
from members.models import AllianceContact, Membership
from tests.admin_forms import admin_form, admin_url

pytestmark = pytest.mark.django_db

DAA = "deutsche-aluminium-allianz"


def parts_of(alliance_pk):
    """Everything that hangs off an alliance, as comparable rows."""
    models = (Goal, Demand, KeyFigure, Section, Membership, AllianceContact)
    return {model.__name__: content_rows(model, alliance_id=alliance_pk) for model in models}


def content_rows(model, **filters):
    """Rows as stored, without modeltranslation's base columns, which follow
    the admin language of whoever saved last; every language column stays."""
    base_columns = set(translated_fields(model))
    return sorted(
        tuple(
            "" if value is None else value
            for name, value in row.items()
            if name not in base_columns
        )
        for row in model.objects.filter(**filters).values(
            *(field.attname for field in model._meta.concrete_fields)
        )
    )


def stored_fields(alliance_pk):
    """The alliance's columns that hold content: every language, not the
    modeltranslation base column (which follows the editor's admin language)."""
    columns = [field.attname for field in Alliance._meta.concrete_fields]
    values = Alliance.objects.filter(pk=alliance_pk).values(*columns).get()
    for name in translated_fields(Alliance):
        del values[name]
    del values["updated_at"]
    # An empty translation is stored as NULL or "" depending on who saved it.
    values = {name: "" if value is None else value for name, value in values.items()}
    # History is stored as JSON, which keeps times to the millisecond.
    for name in ("created_at", "first_published_at"):
        values[name] = values[name].replace(microsecond=values[name].microsecond // 1000 * 1000)
    return values


def recover_url(alliance_pk):
    version = Version.objects.get_deleted(Alliance).get(object_id=str(alliance_pk))
    return admin_url(Alliance, "recover", version.pk)


def test_deleting_an_alliance_and_restoring_it_brings_everything_back(
    publisher_client, demo_content
):
    alliance = Alliance.objects.get(slug=DAA)
    before = parts_of(alliance.pk)
    assert Goal.objects.filter(alliance=alliance, parent__isnull=False).exists()  # sub-goals
    assert all(before[name] for name in ("Goal", "Demand", "KeyFigure", "Membership"))
    fields_before = stored_fields(alliance.pk)

    response = publisher_client.post(admin_url(Alliance, "delete", alliance.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Alliance.objects.filter(pk=alliance.pk).exists()
    assert not any(parts_of(alliance.pk).values())
    assert publisher_client.get(f"/de/alliances/{DAA}/").status_code == 404

    # The deletion is on record, with who did it; the alliance is offered for recovery.
    url = recover_url(alliance.pk)
    recover_list = publisher_client.get(admin_url(Alliance, "recoverlist")).content.decode()
    assert f'href="{url}"' in recover_list
    version = Version.objects.get_deleted(Alliance).get(object_id=str(alliance.pk))
    assert version.revision.user == publisher_client.user
    assert version.revision.get_comment() == "Deleted."

    response = publisher_client.post(url, admin_form(publisher_client, url))
    assert response.status_code == 302

    assert stored_fields(alliance.pk) == fields_before
    assert parts_of(alliance.pk) == before
    assert publisher_client.get(f"/de/alliances/{DAA}/").status_code == 200


def test_a_change_is_recorded_with_who_and_can_be_reverted(publisher_client, demo_content):
    alliance = Alliance.objects.get(slug=DAA)
    url = admin_url(Alliance, "change", alliance.pk)
    for new_summary in ("Erste Fassung.", "Zweite Fassung."):
        fields = admin_form(publisher_client, url)
        fields["summary_de"] = new_summary
        assert publisher_client.post(url, fields).status_code == 302

    history = publisher_client.get(admin_url(Alliance, "history", alliance.pk)).content.decode()
    assert history.count("paul") >= 2
    first = Version.objects.get_for_object(alliance).order_by("pk").first()  # "Erste Fassung."
    assert first.field_dict["summary_de"] == "Erste Fassung."
    revert_url = admin_url(Alliance, "revision", alliance.pk, first.pk)
    response = publisher_client.post(revert_url, admin_form(publisher_client, revert_url))
    assert response.status_code == 302
    alliance.refresh_from_db()
    assert alliance.summary_de == "Erste Fassung."


def test_an_editor_cannot_publish_by_restoring_a_published_item(
    publisher_client, editor_client, demo_content
):
    alliance = Alliance.objects.get(slug=DAA)
    publisher_client.post(admin_url(Alliance, "delete", alliance.pk), {"post": "yes"})
    url = recover_url(alliance.pk)
    assert editor_client.post(url, {}).status_code == 403
    assert not Alliance.objects.filter(pk=alliance.pk).exists()


def test_the_admin_links_to_recovery(publisher_client):
    changelist = publisher_client.get(admin_url(Alliance, "changelist")).content.decode()
    assert reverse("admin:alliance_portal_alliance_recoverlist") in changelist
