"""Dragging inline rows in the admin reorders them (static/js/admin/ordered-inlines.js):
in a table (demands) and in stacked boxes (goals, whose sub-goals follow their goal)."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from alliance_portal.models import Alliance, Demand, Goal

pytestmark = pytest.mark.browser

PASSWORD = "a-long-password-for-the-browser-test"


@pytest.fixture
def alliance_form(page, site):
    User.objects.create_superuser("redaktion", "redaktion@example.org", PASSWORD)
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "redaktion")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    alliance = Alliance.objects.get(slug="deutsche-aluminium-allianz")
    page.goto(f"{site}/admin/alliance_portal/alliance/{alliance.pk}/change/")
    return alliance


def drag(page, row, onto):
    page.locator(f"#{row} .ordered-inline-handle").drag_to(
        page.locator(f"#{onto}"), target_position={"x": 30, "y": 2}
    )


def save(page):
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_dragging_a_demand_to_the_top_stores_the_new_order(page, alliance_form):
    before = list(Demand.objects.filter(alliance=alliance_form).order_by("position"))
    last = len(before) - 1
    drag(page, f"demands-{last}", "demands-0")
    # The numbers follow the rows at once: the dragged one is 1 now.
    expect(page.locator(f"#id_demands-{last}-position")).to_have_value("1")
    expect(page.locator("#id_demands-0-position")).to_have_value("2")
    save(page)
    after = list(Demand.objects.filter(alliance=alliance_form).order_by("position"))
    assert after == [before[-1], *before[:-1]]
    assert [demand.position for demand in after] == list(range(1, len(before) + 1))


def test_dragging_a_main_goal_up_keeps_its_sub_goals(page, alliance_form):
    first, second = Goal.objects.filter(alliance=alliance_form, parent=None).order_by("position")
    sub_goals = list(second.children.order_by("position"))
    assert sub_goals, "the demo's second goal has sub-goals"
    rows = [page.input_value(f"#id_goals-{i}-title_de") for i in range(2 + len(sub_goals))]
    second_row = f"goals-{rows.index(second.title_de)}"
    drag(page, second_row, f"goals-{rows.index(first.title_de)}")
    save(page)
    mains = list(Goal.objects.filter(alliance=alliance_form, parent=None).order_by("position"))
    assert mains[:2] == [second, first]
    assert list(second.children.order_by("position")) == sub_goals
    assert [goal.position for goal in second.children.order_by("position")] == list(
        range(1, len(sub_goals) + 1)
    )
