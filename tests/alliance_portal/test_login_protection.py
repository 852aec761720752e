"""Admin login hardening: failed logins locked out per username and address
(django-axes), and the production cookie settings."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/?next=/admin/"
PASSWORD = "korrekt-und-lang-genug-2024"
OFFICE = "203.0.113.10"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("redaktion", "r@example.org", PASSWORD)


def attempt(client, username, password, address=OFFICE):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def is_logged_in(client):
    return SESSION_KEY in client.session


def fail_until_locked_out(client, username, address=OFFICE):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, username, "falsch", address)


def test_right_password_logs_in(client, staff):
    response = attempt(client, "redaktion", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert is_logged_in(client)


def test_a_few_wrong_passwords_still_show_the_login_form(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "redaktion", "falsch")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    # ... and the right password still works after them.
    assert attempt(client, "redaktion", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_five_wrong_passwords_lock_out_even_the_right_one(client, staff):
    assert settings.AXES_FAILURE_LIMIT == 5
    fail_until_locked_out(client, "redaktion")

    response = attempt(client, "redaktion", PASSWORD)

    assert not is_logged_in(client)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == str(30 * 60)
    html = response.content.decode()
    # django-axes's own message, in German (the default language) from its catalogue,
    # on the admin's page rather than a bare text response.
    assert "Zugang gesperrt: zu viele fehlgeschlagene Anmeldeversuche" in html
    assert '<html lang="de"' in html and 'id="site-name"' in html
    assert 'name="password"' not in html
    assert client.get("/admin/").status_code == 302  # still asked to log in


def test_lockout_page_speaks_english_to_an_english_browser(client, staff):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    fail_until_locked_out(client, "redaktion")
    html = attempt(client, "redaktion", PASSWORD).content.decode()
    assert "Account locked: too many login attempts. Please try again later." in html
    assert "paused for 30 minutes" in html


def test_lockout_does_not_reach_the_same_user_from_another_address(client, staff):
    fail_until_locked_out(client, "redaktion", OFFICE)
    response = attempt(client, "redaktion", PASSWORD, ELSEWHERE)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_lockout_does_not_reach_another_user_at_the_same_address(client, staff, django_user_model):
    django_user_model.objects.create_superuser("kollegin", "k@example.org", PASSWORD)
    fail_until_locked_out(client, "redaktion", OFFICE)
    response = attempt(client, "kollegin", PASSWORD, OFFICE)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, staff, settings):
    """With one trusted proxy, the right-most X-Forwarded-For entry counts; what
    the client wrote to the left of it cannot dodge the lockout."""
    settings.TRUSTED_PROXY_COUNT = 1
    for spoofed in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        client.post(
            LOGIN_URL,
            {"username": "redaktion", "password": "falsch"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=f"{spoofed}, {OFFICE}",
        )
    locked = client.post(
        LOGIN_URL,
        {"username": "redaktion", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=f"6.6.6.6, {OFFICE}",
    )
    assert locked.status_code == 429
    other_visitor = client.post(
        LOGIN_URL,
        {"username": "redaktion", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=ELSEWHERE,
    )
    assert other_visitor.status_code == 302


def test_production_cookies_are_secure_host_only_and_short_lived(client, staff):
    # Public pages set no cookie at all (they are cached for everybody); the
    # login form is where the CSRF cookie is first set.
    assert not client.get("/de/", secure=True).cookies
    page = client.get(LOGIN_URL, secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    assert csrf["samesite"] == "Lax"

    response = client.post(
        LOGIN_URL,
        {"username": "redaktion", "password": PASSWORD},
        REMOTE_ADDR=OFFICE,
        secure=True,
    )
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["path"] == "/"
    assert session["samesite"] == "Lax"
    assert int(session["max-age"]) == 8 * 60 * 60
