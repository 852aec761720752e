from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import RestrictedError
from django.utils import timezone, translation

from alliance_portal.models import Alliance, Goal
from alliance_portal.ops.demo import logo_png
from tests.factories import make_alliance, make_goal

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_future_items():
    visible = make_alliance()
    make_alliance(status=Alliance.Status.DRAFT)
    make_alliance(published_at=timezone.now() + timedelta(minutes=5))
    assert list(Alliance.objects.published()) == [visible]


def test_is_published_follows_the_same_rule():
    assert make_alliance().is_published
    assert not make_alliance(status=Alliance.Status.DRAFT).is_published
    assert not make_alliance(published_at=timezone.now() + timedelta(days=1)).is_published


def test_slug_of_a_published_item_is_kept_on_rename():
    alliance = make_alliance(name_de="Aluminiumbündnis Süd")
    assert alliance.slug == "aluminiumbuendnis-sued"
    alliance.name_de = "Aluminiumbündnis Süddeutschland"
    alliance.save()
    alliance.refresh_from_db()
    assert alliance.slug == "aluminiumbuendnis-sued"


def test_slugs_stay_unique():
    first = make_alliance(name_de="Allianz")
    second = make_alliance(name_de="Allianz")
    assert (first.slug, second.slug) == ("allianz", "allianz-2")


def test_translated_field_round_trip_with_german_fallback():
    alliance = make_alliance(name_de="Metallallianz", name_en="")
    with translation.override("en"):
        assert alliance.name == "Metallallianz"
        alliance.name = "Metal Alliance"
        alliance.save()
    alliance.refresh_from_db()
    assert (alliance.name_de, alliance.name_en) == ("Metallallianz", "Metal Alliance")
    with translation.override("en"):
        assert alliance.name == "Metal Alliance"
    with translation.override("de"):
        assert alliance.name == "Metallallianz"


def test_logo_without_alt_text_is_refused_with_a_reason():
    alliance = make_alliance()
    alliance.logo = SimpleUploadedFile("logo.png", logo_png("AB", "x"), "image/png")
    with pytest.raises(ValidationError) as error:
        alliance.full_clean()
    with translation.override("en"):
        assert "for people who cannot see it" in str(error.value.message_dict["logo_alt_de"])


def test_sub_goal_must_share_its_alliance_and_stay_one_level_deep():
    main = make_goal()
    sub = make_goal(alliance=main.alliance, parent=main)
    deeper = Goal(alliance=main.alliance, parent=sub, title_de="Zu tief")
    with pytest.raises(ValidationError) as error:
        deeper.full_clean()
    with translation.override("en"):
        assert "is itself a sub-goal" in str(error.value.message_dict["parent"])
    elsewhere = Goal(alliance=make_alliance(), parent=main, title_de="Fremd")
    with pytest.raises(ValidationError) as error:
        elsewhere.full_clean()
    with translation.override("en"):
        assert "same alliance" in str(error.value.message_dict["parent"])


def test_sub_goal_added_without_alliance_takes_its_main_goals():
    main = make_goal()
    sub = Goal(parent=main, title_de="Ökologisch")
    # As on the main goal's admin page, where the alliance is not a form field.
    sub.full_clean(exclude=["alliance"])
    assert sub.alliance == main.alliance


def test_goal_with_sub_goals_cannot_be_deleted_before_them():
    main = make_goal()
    make_goal(alliance=main.alliance, parent=main)
    with pytest.raises(RestrictedError):
        main.delete()


def test_deleting_an_alliance_takes_its_parts_along():
    goal = make_goal()
    make_goal(alliance=goal.alliance, parent=goal)
    goal.alliance.delete()
    assert not Goal.objects.exists()


def test_years_lists_years_with_public_items_newest_first_in_local_time():
    def at(text):
        return timezone.datetime.fromisoformat(text)

    make_alliance(published_at=at("2019-05-01T10:00:00+00:00"))
    make_alliance(published_at=at("2021-05-01T10:00:00+00:00"))
    # 23:30 UTC on New Year's Eve is already 2023 in Berlin, the site's time zone.
    make_alliance(published_at=at("2022-12-31T23:30:00+00:00"))
    make_alliance(published_at=at("2020-05-01T10:00:00+00:00"), status=Alliance.Status.DRAFT)
    make_alliance(published_at=timezone.now() + timedelta(days=400))
    assert Alliance.objects.published().years() == [2023, 2021, 2019]
    assert Alliance.objects.published().filter(name_de="nobody").years() == []


def test_slice_by_keys_gives_the_rows_of_a_plain_slice():
    for number in range(7):
        make_alliance(name_de=f"Allianz {number % 3} {number}")
    ordered = Alliance.objects.published().order_by("name", "-pk")
    assert list(ordered.slice_by_keys(2, 5)) == list(ordered[2:5])
