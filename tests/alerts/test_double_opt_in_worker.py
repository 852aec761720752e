"""Double opt-in and RFC 8058 unsubscribe end to end: the web request queues the
mail, a real worker process sends it to a real SMTP server, and the links are taken
from the mails as received."""

import re
import time

import pytest
from django.test import Client

from alliance_portal.alerts.models import Consent, Subscriber
from tests.factories import make_alliance

pytestmark = pytest.mark.django_db(transaction=True)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_double_opt_in_then_one_click_unsubscribe(client, start_worker, smtp_server):
    alliance = make_alliance(name_de="Aluminium-Allianz", name_en="Aluminium Alliance")
    start_worker()

    response = client.post(
        "/de/alerts/",
        {
            "email": "redaktion@example.org",
            "topics": ["press_statements", "news"],
            "alliances": [alliance.pk],
            "language": "en",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 302

    (confirmation,) = smtp_server.sink.wait_for(1)
    assert confirmation.recipients == ["redaktion@example.org"]
    assert confirmation["Subject"] == "Please confirm your e-mail alerts"
    assert confirmation["Content-Language"] == "en"
    text = confirmation.get_body(("plain",)).get_content()
    assert "Aluminium Alliance" in text
    link = path_of(re.search(r"https?://\S+/alerts/confirm/\S+/", text).group(0))
    html = confirmation.get_body(("html",)).get_content()
    assert link in html.replace("&amp;", "&")

    # Opening the link (as a mail scanner would) subscribes nobody.
    assert client.get(link).status_code == 200
    time.sleep(1)
    assert len(smtp_server.sink.messages) == 1
    assert not Subscriber.objects.exists()

    assert client.post(link).status_code == 200
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.language, subscriber.news) == (
        "redaktion@example.org",
        "en",
        True,
    )
    assert Consent.objects.filter(subscriber=subscriber).count() == 1

    confirmation, welcome = smtp_server.sink.wait_for(2)
    assert welcome.recipients == ["redaktion@example.org"]
    assert welcome["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A long header may be folded onto several lines; the address has no spaces.
    header = "".join(str(welcome["List-Unsubscribe"]).split())
    unsubscribe_url = re.fullmatch(r"<(https?://\S+)>", header).group(1)
    assert subscriber.token in unsubscribe_url
    assert unsubscribe_url in welcome.get_body(("plain",)).get_content()

    # RFC 8058: the mail program posts this body to that address, without cookies.
    response = Client(enforce_csrf_checks=True).post(
        path_of(unsubscribe_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Consent.objects.exists()
    assert len(smtp_server.sink.messages) == 2
