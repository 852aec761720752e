"""Subscribing to e-mail alerts: the form, double opt-in, managing, unsubscribing,
and the subscriber's data in the admin (export, erase)."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail, signing
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from alliance_portal.alerts import services
from alliance_portal.alerts.models import Consent, Delivery, Release, SignupAttempt, Subscriber
from alliance_portal.models import Publishable
from tests.factories import make_alliance

pytestmark = pytest.mark.django_db


@pytest.fixture
def alliances():
    return [
        make_alliance(name_de="Aluminium-Allianz", name_en="Aluminium Alliance"),
        make_alliance(name_de="Stahl-Allianz", name_en="Steel Alliance"),
    ]


@pytest.fixture
def mailed(django_capture_on_commit_callbacks, settings):
    """Run the tasks a request queued (on commit) at once, in this process: the test
    outbox then holds the mails. (The real worker: test_double_opt_in_worker.py.)"""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    def run(response_maker):
        with django_capture_on_commit_callbacks(execute=True):
            return response_maker()

    return run


def de(text):
    """`text` as German visitors read it (the catalogue's, or English until translated)."""
    with translation.override("de"):
        return gettext(text)


def form_data(chosen, **overrides):
    data = {
        "email": "redaktion@example.org",
        "topics": ["press_statements"],
        "alliances": [str(chosen[0].pk)],
        "language": "de",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def confirm_link(message):
    return re.search(r"https?://\S+/alerts/confirm/\S+/", message.body).group(0)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def subscribe(client, mailed, chosen, **overrides):
    mailed(lambda: client.post("/de/alerts/", form_data(chosen, **overrides)))
    return path_of(confirm_link(mail.outbox[-1]))


def make_subscriber(alliances=(), **overrides):
    values = {"email": "leser@example.org", "language": "de", "confirmed_at": timezone.now()}
    values.update(overrides)
    subscriber = Subscriber.objects.create(**values)
    subscriber.alliances.set(alliances)
    return subscriber


# --- The form ---------------------------------------------------------------


def test_form_page_lists_public_alliances_with_consent_and_honeypot(client, alliances):
    make_alliance(name_de="Entwurfs-Allianz", status=Publishable.Status.DRAFT)
    response = client.get("/de/alerts/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aluminium-Allianz" in html and "Stahl-Allianz" in html
    assert "Entwurfs-Allianz" not in html
    assert services.wording(language="de") in html
    assert 'href="/de/datenschutz/"' in html
    assert re.search(r'<input[^>]*name="website"[^>]*autocomplete="off"[^>]*tabindex="-1"', html)
    assert 'class="honeypot"' in html
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_form_page_query_count_does_not_grow_with_alliances(client, django_assert_num_queries):
    make_alliance()
    with django_assert_num_queries(2):
        client.get("/de/alerts/")
    for _ in range(50):
        make_alliance()
    with django_assert_num_queries(2):
        client.get("/de/alerts/")


def test_form_errors_keep_the_typed_values(client, alliances):
    response = client.post(
        "/de/alerts/",
        form_data(alliances, email="kein-at-zeichen", topics=[], consent="", language="en"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="kein-at-zeichen"' in html
    assert de("This is not an e-mail address, such as name@example.org.") in html
    assert re.search(rf'value="{alliances[0].pk}"[^>]*checked', html)
    assert re.search(r'<option value="en" selected>', html)
    assert SignupAttempt.objects.count() == 0


def test_invalid_address_gets_a_message_in_english(client, alliances):
    response = client.post("/en/alerts/", form_data(alliances, email="name@"))
    assert "This is not an e-mail address, such as name@example.org." in (response.content.decode())


def test_topics_and_alliances_are_required(client, alliances):
    response = client.post("/en/alerts/", form_data(alliances, topics=[], alliances=[]))
    html = response.content.decode()
    assert "Choose press statements, news or both." in html
    assert "Choose at least one alliance, or all alliances." in html


def test_honeypot_filled_shows_the_same_page_and_sends_nothing(client, alliances, mailed):
    response = mailed(
        lambda: client.post("/de/alerts/", form_data(alliances, website="http://spam"))
    )
    assert response.status_code == 302
    assert response["Location"] == "/de/alerts/sent/"
    assert mail.outbox == []
    assert SignupAttempt.objects.count() == 0


def test_subscribing_sends_a_confirmation_and_stores_no_address(client, alliances, mailed):
    response = mailed(lambda: client.post("/de/alerts/", form_data(alliances, language="en")))
    assert response.status_code == 302
    assert response["Location"] == "/de/alerts/sent/"
    (message,) = mail.outbox
    assert message.to == ["redaktion@example.org"]
    assert message.subject == "Please confirm your e-mail alerts"
    assert "/en/alerts/confirm/" in confirm_link(message)
    assert "Aluminium Alliance" in message.body
    assert Subscriber.objects.count() == 0
    (attempt,) = SignupAttempt.objects.all()
    assert "redaktion" not in attempt.address_key and len(attempt.address_key) == 64
    assert client.get("/de/alerts/sent/").status_code == 200


def test_rate_limit_answers_429_after_three_mails_an_hour(client, alliances, mailed):
    for _ in range(3):
        mailed(lambda: client.post("/de/alerts/", form_data(alliances)))
    response = mailed(
        lambda: client.post("/de/alerts/", form_data(alliances, email="REDAKTION@example.org"))
    )
    assert response.status_code == 429
    assert de("A confirmation e-mail was sent recently") in response.content.decode()
    assert len(mail.outbox) == 3
    SignupAttempt.objects.update(created_at=timezone.now() - timedelta(hours=2))
    assert mailed(lambda: client.post("/de/alerts/", form_data(alliances))).status_code == 302
    assert len(mail.outbox) == 4


def test_repeated_subscription_shows_the_same_page(client, alliances, mailed):
    make_subscriber(alliances[:1], email="redaktion@example.org")
    response = mailed(lambda: client.post("/de/alerts/", form_data(alliances)))
    assert response["Location"] == "/de/alerts/sent/"
    assert len(mail.outbox) == 1


# --- Confirming ---------------------------------------------------------------


def test_confirm_get_does_not_subscribe(client, alliances, mailed):
    link = subscribe(client, mailed, alliances)
    response = client.get(link)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aluminium-Allianz" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-store" in response["Cache-Control"]
    assert Subscriber.objects.count() == 0


def test_confirm_post_subscribes_and_stores_the_consent(client, alliances, mailed):
    link = subscribe(client, mailed, alliances, topics=["press_statements", "news"])
    response = mailed(lambda: client.post(link))
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language) == ("redaktion@example.org", "de")
    assert (subscriber.press_statements, subscriber.news, subscriber.all_alliances) == (
        True,
        True,
        False,
    )
    assert list(subscriber.alliances.all()) == [alliances[0]]
    (consent,) = Consent.objects.all()
    assert consent.wording == services.wording(language="de")
    assert consent.language == "de"
    assert consent.choices == {
        "press_statements": True,
        "news": True,
        "all_alliances": False,
        "alliances": [alliances[0].pk],
        "wording_version": services.CURRENT_WORDING,
    }
    assert consent.requested_at <= consent.confirmed_at
    welcome = mail.outbox[-1]
    assert welcome.subject == de("Your e-mail alerts are confirmed")
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert subscriber.token in welcome.extra_headers["List-Unsubscribe"]


def test_confirming_again_with_the_same_choices_says_so(client, alliances, mailed):
    link = subscribe(client, mailed, alliances)
    mailed(lambda: client.post(link))
    response = client.post(link)
    html = response.content.decode()
    assert response.status_code == 200
    assert de("You are already subscribed") in html
    assert Consent.objects.count() == 1


def test_confirming_new_choices_replaces_the_old_ones(client, alliances, mailed):
    subscriber = make_subscriber(alliances[:1], email="redaktion@example.org")
    token = subscriber.token
    link = subscribe(client, mailed, alliances, alliances=[], all_alliances="on", topics=["news"])
    mailed(lambda: client.post(link))
    subscriber.refresh_from_db()
    assert subscriber.token == token
    assert (subscriber.press_statements, subscriber.news, subscriber.all_alliances) == (
        False,
        True,
        True,
    )
    assert list(subscriber.alliances.all()) == []
    assert Consent.objects.filter(subscriber=subscriber).count() == 1


@pytest.mark.parametrize("language", ["de", "en"])
def test_expired_and_altered_links_get_a_clear_page(client, alliances, language):
    old = timezone.now() - timedelta(days=8)
    with translation.override(language):
        expired_title = gettext("This link has expired")
        altered_title = gettext("This link is not valid")
        data = {"email": "a@example.org", "language": language, "choices": {}}
        signer = signing.TimestampSigner(salt=services.CONFIRM_SALT)
        signer.timestamp = lambda: signing.b62_encode(int(old.timestamp()))
        expired = signer.sign_object(data, compress=True)
        valid = signing.dumps(data, salt=services.CONFIRM_SALT, compress=True)
        expired_url = reverse("alerts:confirm", kwargs={"token": expired})
        altered_url = reverse("alerts:confirm", kwargs={"token": valid[:-3] + "abc"})
    for method in (client.get, client.post):
        response = method(expired_url)
        assert response.status_code == 410
        assert expired_title in response.content.decode()
        response = method(altered_url)
        assert response.status_code == 400
        assert altered_title in response.content.decode()
        assert f'href="/{language}/alerts/"' in response.content.decode()
    assert Subscriber.objects.count() == 0


# --- Managing and unsubscribing --------------------------------------------------


def test_manage_changes_choices_and_language(client, alliances):
    subscriber = make_subscriber(alliances[:1])
    url = f"/en/alerts/manage/{subscriber.token}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert re.search(rf'value="{alliances[0].pk}"[^>]*checked', response.content.decode())
    response = client.post(
        url,
        {"topics": ["news"], "alliances": [alliances[1].pk], "language": "en"},
    )
    assert response.status_code == 200
    assert "Your choices have been saved." in response.content.decode()
    subscriber.refresh_from_db()
    assert (subscriber.press_statements, subscriber.news, subscriber.language) == (
        False,
        True,
        "en",
    )
    assert list(subscriber.alliances.all()) == [alliances[1]]
    assert subscriber.consents.get().choices["news"] is True


def test_unsubscribe_get_asks_and_post_deletes(client, alliances):
    subscriber = make_subscriber(alliances)
    release = Release.objects.create(
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id=1,
        title="Eine Meldung",
        released_at=timezone.now(),
        state=Release.State.SENT,
        recipients=1,
    )
    Delivery.objects.create(
        release=release, subscriber=subscriber, language="de", handed_out_at=timezone.now()
    )
    url = f"/de/alerts/unsubscribe/{subscriber.token}/"
    response = client.get(url)
    assert response.status_code == 200
    assert Subscriber.objects.count() == 1
    response = client.post(url)
    assert response.status_code == 200
    assert de("You have unsubscribed") in response.content.decode()
    assert Subscriber.objects.count() == 0
    assert Delivery.objects.get().subscriber is None


def test_one_click_unsubscribe_rfc_8058_without_csrf_token(alliances):
    from django.test import Client

    subscriber = make_subscriber(alliances)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/de/alerts/unsubscribe/{subscriber.token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("name", ["manage", "unsubscribe"])
def test_unknown_token_gets_a_clear_page(client, name):
    for method in (client.get, client.post):
        response = method(f"/en/alerts/{name}/not-a-token/")
        assert response.status_code == 404
        assert "There is no subscription for this link (any more)." in (response.content.decode())


# --- The alliance page -------------------------------------------------------------


def test_alliance_page_has_the_form_with_the_alliance_preselected(client, alliances):
    html = client.get(alliances[0].get_absolute_url()).content.decode()
    assert 'action="/de/alerts/"' in html
    assert f'name="alliances" value="{alliances[0].pk}"' in html
    assert services.wording(language="de") in html
    assert "csrfmiddlewaretoken" not in html


def test_alliance_page_form_posts_to_the_subscribe_view(client, alliances, mailed):
    data = {
        "alliances": str(alliances[1].pk),
        "language": "de",
        "topics": "press_statements",
        "email": "presse@example.org",
        "consent": "on",
        "website": "",
    }
    response = mailed(lambda: client.post("/de/alerts/", data))
    assert response.status_code == 302
    assert "Stahl-Allianz" in mail.outbox[0].body


# --- Admin: export and erase --------------------------------------------------------


def test_admin_lists_subscribers_and_cannot_add(admin_client, alliances):
    make_subscriber(alliances)
    response = admin_client.get("/admin/alliance_portal/subscriber/")
    assert "leser@example.org" in response.content.decode()
    assert admin_client.get("/admin/alliance_portal/subscriber/add/").status_code == 403


def test_admin_exports_a_subscribers_data_as_json(admin_client, alliances, mailed, client):
    link = subscribe(client, mailed, alliances)
    mailed(lambda: client.post(link))
    subscriber = Subscriber.objects.get()
    release = Release.objects.create(
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id=1,
        title="Stahl-Allianz fordert Strompreis",
        released_at=timezone.now(),
        state=Release.State.SENT,
        recipients=1,
    )
    Delivery.objects.create(
        release=release,
        subscriber=subscriber,
        language="de",
        handed_out_at=timezone.now(),
        state=Delivery.State.SENT,
        sent_at=timezone.now(),
    )
    response = admin_client.get(f"/admin/alliance_portal/subscriber/{subscriber.pk}/export/")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["subscriber"]["email"] == "redaktion@example.org"
    assert data["subscriber"]["alliances"] == [{"id": alliances[0].pk, "name": "Aluminium-Allianz"}]
    (consent,) = data["consents"]
    assert consent["wording"] == services.wording(language="de")
    (delivery,) = data["deliveries"]
    assert delivery["item"] == "Stahl-Allianz fordert Strompreis"
    assert delivery["state"] == "sent" and delivery["sent_at"]


def test_admin_erase_removes_subscriber_consents_and_log_entries(
    admin_client, admin_user, alliances
):
    subscriber = make_subscriber(alliances)
    services.record_consent(
        subscriber, {"alliances": []}, language="de", requested_at=timezone.now()
    )
    LogEntry.objects.create(
        user_id=admin_user.pk,
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id=str(subscriber.pk),
        object_repr="leser@example.org",
        action_flag=CHANGE,
    )
    url = f"/admin/alliance_portal/subscriber/{subscriber.pk}/delete/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "leser@example.org" not in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not Consent.objects.exists()
    assert not LogEntry.objects.filter(object_repr__icontains="leser@example.org").exists()
    (erasure,) = LogEntry.objects.filter(action_flag=DELETION)
    assert erasure.object_repr == de("erased subscriber #%(pk)s") % {"pk": subscriber.pk}


def test_admin_release_list_counts_without_a_query_per_row(
    admin_client, django_assert_max_num_queries
):
    content_type = ContentType.objects.get_for_model(Subscriber)
    for number in range(30):
        Release.objects.create(
            content_type=content_type,
            object_id=number,
            title=f"Meldung {number}",
            released_at=timezone.now(),
            state=Release.State.SENT,
        )
    with django_assert_max_num_queries(12):
        response = admin_client.get("/admin/alliance_portal/release/")
    assert "Meldung 29" in response.content.decode()


# --- The page cache ------------------------------------------------------------------


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    for alias in ("default", "coordination"):
        caches[alias].clear()


def test_form_works_on_cached_pages_without_a_csrf_cookie(
    page_cache_on, alliances, mailed, django_assert_num_queries
):
    from django.test import Client

    visitor = Client(enforce_csrf_checks=True)
    for url in ("/de/alerts/", alliances[0].get_absolute_url()):
        assert visitor.get(url)["X-Cache"] == "miss"
        with django_assert_num_queries(0):
            cached = visitor.get(url)
        assert cached["X-Cache"] == "hit"
        assert not cached.cookies
    response = mailed(lambda: visitor.post("/de/alerts/", form_data(alliances)))
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_pages_behind_a_secret_are_never_cached(page_cache_on, client, alliances):
    subscriber = make_subscriber(alliances)
    token = signing.dumps(
        {
            "email": "a@example.org",
            "language": "de",
            "choices": services.choices_of(
                press_statements=True, news=False, all_alliances=True, alliance_ids=[]
            ),
        },
        salt=services.CONFIRM_SALT,
        compress=True,
    )
    for url in (
        f"/de/alerts/confirm/{token}/",
        f"/de/alerts/manage/{subscriber.token}/",
        f"/de/alerts/unsubscribe/{subscriber.token}/",
    ):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200
            assert response["X-Cache"] == "miss"
            assert "no-store" in response["Cache-Control"]
            assert '<meta name="robots" content="noindex, nofollow">' in (response.content.decode())


def test_alert_pages_are_not_in_the_sitemap(client, alliances):
    make_subscriber(alliances)
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>https?://[^/]+(/sitemap-[^<]+)</loc>", index)
    assert sections
    for section in sections:
        assert "/alerts/" not in client.get(section).content.decode()


def test_manage_without_changes_adds_no_consent(client, alliances):
    subscriber = make_subscriber(alliances[:1], news=False)
    client.post(
        f"/de/alerts/manage/{subscriber.token}/",
        {"topics": ["press_statements"], "alliances": [alliances[0].pk], "language": "en"},
    )
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    assert not subscriber.consents.exists()


def test_admin_shows_a_subscriber_read_only_with_consents_and_data_links(admin_client, alliances):
    subscriber = make_subscriber(alliances)
    services.record_consent(
        subscriber, {"alliances": []}, language="de", requested_at=timezone.now()
    )
    html = admin_client.get(
        f"/admin/alliance_portal/subscriber/{subscriber.pk}/change/"
    ).content.decode()
    assert services.wording(language="de") in html
    assert f"/admin/alliance_portal/subscriber/{subscriber.pk}/export/" in html
    assert f"/admin/alliance_portal/subscriber/{subscriber.pk}/delete/" in html
    assert 'name="email"' not in html  # nothing to edit


def test_admin_erase_action_for_several_subscribers(admin_client, alliances):
    first = make_subscriber(alliances)
    second = make_subscriber(email="zweite@example.org")
    response = admin_client.post(
        "/admin/alliance_portal/subscriber/",
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
        follow=True,
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert "zweite@example.org" not in response.content.decode()
    assert not LogEntry.objects.filter(object_repr__contains="@").exists()
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 2


def test_admin_export_action_downloads_the_selected(admin_client, alliances):
    first = make_subscriber(alliances)
    second = make_subscriber(email="zweite@example.org")
    response = admin_client.post(
        "/admin/alliance_portal/subscriber/",
        {"action": "export_data", "_selected_action": [first.pk, second.pk]},
    )
    data = json.loads(response.content)
    assert sorted(entry["subscriber"]["email"] for entry in data) == [
        "leser@example.org",
        "zweite@example.org",
    ]


def test_the_links_of_an_alert_mail_manage_and_unsubscribe(alliances):
    """sending.py puts each subscriber's links into an alert: they lead here."""
    from django.test import Client

    from alliance_portal.alerts.sending import MANAGE_MARK, UNSUBSCRIBE_MARK, AlertMails
    from alliance_portal.mailing.messages import Mail

    subscriber = make_subscriber(alliances, language="en")
    release = Release.objects.create(
        content_type=ContentType.objects.get_for_model(Subscriber),
        object_id=1,
        title="A statement",
        released_at=timezone.now(),
        state=Release.State.SENDING,
        recipients=1,
    )
    delivery = Delivery.objects.create(
        release=release, subscriber=subscriber, language="en", handed_out_at=timezone.now()
    )
    # The mail as rendered once per language (AlertMails.render needs an alert kind).
    mails = AlertMails.__new__(AlertMails)
    mails.record = release
    mails.rendered = {
        "en": Mail(
            to="",
            subject="A statement",
            text=f"Manage: {MANAGE_MARK}\nUnsubscribe: {UNSUBSCRIBE_MARK}\n",
            html="",
            language="en",
        )
    }
    message = mails.for_delivery(delivery)
    manage_url = re.search(r"Manage: (\S+)", message.body).group(1)
    unsubscribe_url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in message.body

    visitor = Client(enforce_csrf_checks=True)
    assert visitor.get(path_of(manage_url)).status_code == 200
    response = visitor.post(
        path_of(unsubscribe_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    delivery.refresh_from_db()
    assert delivery.subscriber is None
