"""Embargoed advance copies: vetted journalists get a statement before its release,
each with a preview link of their own, in a mail that names the embargo."""

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from selectolax.lexbor import LexborHTMLParser

from alliance_portal.publishing.models import Publishable
from alliance_portal.publishing.roles import EDITOR, PUBLISHER
from statements.models import AdvanceCopy, Journalist, PreviewLink
from tests.admin_forms import admin_url, change_url
from tests.factories import make_alliance, make_organisation, make_person, make_statement

BERLIN = ZoneInfo("Europe/Berlin")
# A Thursday in summer time (CEST).
RELEASE = datetime(2036, 10, 16, 10, 0, tzinfo=BERLIN)
EMBARGO_DE = "Donnerstag, 16. Oktober 2036, 10:00 Uhr"
EMBARGO_EN = "Thursday 16 October 2036, 10:00 CEST"


def make_journalist(**overrides):
    values = {"name": "Jana Berger", "outlet": "Rheinische Post", "email": "jb@rp.example"}
    values.update(overrides)
    return Journalist.objects.create(**values)


def make_embargoed_statement(**overrides):
    values = {
        "headline_de": "Allianz legt Klimaplan vor",
        "headline_en": "Alliance presents climate plan",
        "lead_de": "Die Allianz will bis 2040 klimaneutral sein.",
        "lead_en": "The alliance aims to be climate neutral by 2040.",
        "published_at": RELEASE,
        "alliance": make_alliance(name_de="Allianz Aluminium", name_en="Aluminium Alliance"),
    }
    values.update(overrides)
    statement = make_statement(**values)
    contact = make_person(
        name="Paula Presse",
        function_de="Pressesprecherin",
        email="presse@alu.example",
        phone="+49 211 123456",
        organisation=make_organisation(name_de="Aluwerk"),
    )
    statement.press_contacts.add(contact)
    return statement


def send_url(statement):
    return admin_url(type(statement), "advance_copies", statement.pk)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def publisher(django_user_model):
    user = django_user_model.objects.create_user("publisher", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=PUBLISHER))
    return user


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    # The admin's messages in English; the mails go in each journalist's language.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def statement(db):
    return make_embargoed_statement()


@pytest.fixture
def journalists(db):
    return [
        make_journalist(),
        make_journalist(
            name="Tom Baker", outlet="Reuters", email="tom@reuters.example", language="en"
        ),
    ]


def send(client, statement, journalists):
    return client.post(
        send_url(statement), {"journalists": [j.pk for j in journalists]}, follow=True
    )


@pytest.fixture
def immediate_tasks(settings):
    """Queued tasks run at once, in this process: mails land in Django's test outbox."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def send_and_deliver(client, statement, journalists, django_capture_on_commit_callbacks):
    """Send as staff do; the mails are queued once the transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        return send(client, statement, journalists)


def preview_path(text):
    """The personal preview link's path in a mail's text."""
    (path,) = set(re.findall(r"https?://[^/\s]+(/\w\w/press/preview/[^/\s]+/)(?=\s)", text))
    return path


# --- Roles and the list of journalists ---------------------------------------


@pytest.mark.django_db
def test_publishers_alone_manage_journalists_and_advance_copies():
    def codenames(role):
        return set(
            Group.objects.get(name=role)
            .permissions.filter(content_type__model__in=["journalist", "advancecopy"])
            .values_list("codename", flat=True)
        )

    assert codenames(PUBLISHER) == {
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("journalist", "advancecopy")
    }
    assert codenames(EDITOR) == set()


@pytest.mark.django_db
def test_journalist_list_searches_and_filters_by_language_and_vetting(publisher_client):
    make_journalist()
    make_journalist(name="Tom Baker", outlet="Reuters", email="tom@r.example", language="en")
    make_journalist(name="Ex Vetted", outlet="Blog", email="ex@b.example", is_active=False)
    url = admin_url(Journalist, "changelist")

    def names(query):
        response = publisher_client.get(url, query)
        return [j.name for j in response.context["cl"].result_list]

    assert names({}) == ["Ex Vetted", "Jana Berger", "Tom Baker"]
    assert names({"q": "reuters"}) == ["Tom Baker"]
    assert names({"language__exact": "en"}) == ["Tom Baker"]
    assert names({"is_active__exact": "0"}) == ["Ex Vetted"]


@pytest.mark.django_db
def test_journalist_address_is_on_the_list_once_whatever_its_case(publisher_client):
    make_journalist(email="jb@rp.example")
    response = publisher_client.post(
        admin_url(Journalist, "add"),
        {"name": "J. Berger", "outlet": "RP", "email": "JB@RP.example", "language": "de"},
    )
    assert response.status_code == 200
    assert "This address is already on the list." in response.content.decode()
    assert Journalist.objects.count() == 1


# --- Sending from the statement ----------------------------------------------


def test_send_page_offers_vetted_journalists_with_language_and_earlier_copies(
    publisher_client, statement, journalists
):
    make_journalist(name="Not Vetted", outlet="X", email="nv@x.example", is_active=False)
    send(publisher_client, statement, journalists[:1])
    response = publisher_client.get(send_url(statement))
    page = LexborHTMLParser(response.content.decode())
    rows = [
        [cell.text(strip=True) for cell in row.css("td")]
        for row in page.css(".advance-copies-send tbody tr")
    ]
    sent_at = AdvanceCopy.objects.get().sent_at
    assert rows == [
        [
            "",
            "Jana Berger",
            "Rheinische Post",
            "jb@rp.example",
            "German",
            f"sent {timezone.localtime(sent_at):%-d %B %Y, %H:%M}",
        ],
        ["", "Tom Baker", "Reuters", "tom@reuters.example", "English", "–"],
    ]
    boxes = page.css('input[name="journalists"]')
    assert ["disabled" in box.attributes for box in boxes] == [True, False]
    assert page.css_first(".errornote strong").text() == f"Embargoed until {EMBARGO_EN}."


def test_sending_records_each_copy_with_a_preview_link_of_its_own(
    publisher_client, publisher, statement, journalists
):
    response = send(publisher_client, statement, journalists)
    assert response.redirect_chain == [(change_url(statement), 302)]
    assert messages_of(response) == ["2 embargoed advance copies are on their way."]
    copies = AdvanceCopy.objects.order_by("journalist__name")
    assert [(c.journalist, c.language, c.sent_by) for c in copies] == [
        (journalists[0], "de", publisher),
        (journalists[1], "en", publisher),
    ]
    links = [copy.preview_link for copy in copies]
    assert [link.recipient for link in links] == [
        "Jana Berger (Rheinische Post)",
        "Tom Baker (Reuters)",
    ]
    assert {link.expires_at for link in links} == {RELEASE + timedelta(days=7)}
    assert {link.created_by for link in links} == {publisher}
    assert links[0].token != links[1].token


def test_statement_page_shows_who_got_an_advance_copy_when(
    publisher_client, statement, journalists
):
    send(publisher_client, statement, journalists[:1])
    journalists[0].delete()  # erased: the record stays, without the name
    send(publisher_client, statement, journalists[1:])
    response = publisher_client.get(change_url(statement))
    field = LexborHTMLParser(response.content.decode()).css_first(".advance-copies")
    rows = [[c.text(strip=True) for c in row.css("td")] for row in field.css("tbody tr")]
    copies = AdvanceCopy.objects.all()
    assert rows == [
        [
            str(copy.journalist or "(erased)"),
            copy.get_language_display(),
            f"{timezone.localtime(copy.sent_at):%-d %B %Y, %H:%M}",
            "publisher",
            "not delivered (yet)",
            "active",
        ]
        for copy in copies
    ]
    assert [row[0] for row in rows] == ["Tom Baker (Reuters)", "(erased)"]
    assert field.css_first("a.button").attributes["href"] == send_url(statement)


def test_sending_again_to_the_same_journalist_is_refused_and_reported(
    publisher_client, statement, journalists
):
    send(publisher_client, statement, journalists[:1])
    response = send(publisher_client, statement, journalists)
    assert messages_of(response) == [
        "1 embargoed advance copy is on its way.",
        "Not sent again (they already have it): Jana Berger (Rheinische Post).",
    ]
    assert AdvanceCopy.objects.filter(journalist=journalists[0]).count() == 1
    assert PreviewLink.objects.count() == 2


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (
            {"status": Publishable.Status.DRAFT},
            "“Alliance presents climate plan” is a draft without a release time: advance "
            "copies go out only for a statement published with a release time still to come.",
        ),
        (
            {"published_at": datetime(2024, 10, 8, 10, 0, tzinfo=BERLIN)},
            "“Alliance presents climate plan” is not under embargo any more: the public can "
            "read it already (or could). Advance copies go out only before the release.",
        ),
    ],
)
def test_statement_not_under_embargo_is_refused_with_the_reason(
    publisher_client, journalists, state, message
):
    statement = make_embargoed_statement(**state)
    for response in (
        publisher_client.get(send_url(statement), follow=True),
        send(publisher_client, statement, journalists),
    ):
        assert response.redirect_chain == [(change_url(statement), 302)]
        assert messages_of(response) == [message]
    assert not AdvanceCopy.objects.exists()
    assert not PreviewLink.objects.exists()
    field = LexborHTMLParser(
        publisher_client.get(change_url(statement)).content.decode()
    ).css_first(".advance-copies")
    assert field.css_first("a.button") is None
    assert field.css_first("p.help").text() == message


def test_nothing_chosen_is_an_error_on_the_page(publisher_client, statement, journalists):
    response = publisher_client.post(send_url(statement), {})
    assert response.status_code == 200
    assert "Choose at least one journalist." in response.content.decode()
    assert not AdvanceCopy.objects.exists()


def test_editors_may_not_send_advance_copies(client, django_user_model, statement, journalists):
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(editor)
    assert client.get(send_url(statement)).status_code == 403
    assert client.post(send_url(statement), {"journalists": [journalists[0].pk]}).status_code == 403
    assert not AdvanceCopy.objects.exists()
    # Nor do they see who got one.
    page = client.get(change_url(statement)).content.decode()
    assert "advance-copies" not in page


# --- The mails ---------------------------------------------------------------


def test_each_mail_names_the_embargo_in_its_journalists_language(
    immediate_tasks, publisher_client, statement, journalists, django_capture_on_commit_callbacks
):
    send_and_deliver(publisher_client, statement, journalists, django_capture_on_commit_callbacks)
    by_address = {message.to[0]: message for message in mail.outbox}
    german, english = by_address["jb@rp.example"], by_address["tom@reuters.example"]

    assert german.subject == f"SPERRFRIST: {EMBARGO_DE} – Allianz legt Klimaplan vor"
    assert german.extra_headers["Content-Language"] == "de"
    assert german.body.startswith(
        f"*** SPERRFRIST: {EMBARGO_DE} ***\n"
        "Vor diesem Zeitpunkt weder ganz noch in Teilen veröffentlichen, senden oder "
        "weitergeben.\n\nGuten Tag Jana Berger,\n"
    )
    assert "\nAllianz legt Klimaplan vor\n\nDie Allianz will bis 2040 klimaneutral sein.\n" in (
        german.body
    )
    assert "- Paula Presse, Pressesprecherin, Aluwerk, presse@alu.example, +49 211 123456" in (
        german.body
    )

    assert english.subject == f"EMBARGOED UNTIL {EMBARGO_EN} – Alliance presents climate plan"
    assert english.body.startswith(f"*** EMBARGOED UNTIL {EMBARGO_EN} ***\n")
    assert "\nAlliance presents climate plan\n\nThe alliance aims to be climate neutral" in (
        english.body
    )
    html = english.alternatives[0].content
    banner = LexborHTMLParser(html).css_first("div[style*=border] p")
    assert banner.text() == f"EMBARGOED UNTIL {EMBARGO_EN}"
    # Each copy records when the mail server accepted its mail.
    assert AdvanceCopy.objects.filter(delivered_at__isnull=True).count() == 0


def test_each_journalist_gets_a_working_preview_link_of_their_own(
    immediate_tasks,
    publisher_client,
    client,
    statement,
    journalists,
    django_capture_on_commit_callbacks,
):
    send_and_deliver(publisher_client, statement, journalists, django_capture_on_commit_callbacks)
    paths = {message.to[0]: preview_path(message.body) for message in mail.outbox}
    copies = {copy.journalist.email: copy for copy in AdvanceCopy.objects.all()}
    assert paths == {
        "jb@rp.example": f"/de/press/preview/{copies['jb@rp.example'].preview_link.token}/",
        "tom@reuters.example": (
            f"/en/press/preview/{copies['tom@reuters.example'].preview_link.token}/"
        ),
    }
    client.logout()
    # The statement is under embargo: the public gets a 404, the journalists the page.
    assert client.get(statement.get_absolute_url()).status_code == 404
    for address in paths.values():
        page = client.get(address)
        assert page.status_code == 200
        assert page.context["statement"] == statement
        assert page["X-Robots-Tag"] == "noindex, nofollow"
    # PDF and press kit through the same personal link.
    english = next(m for m in mail.outbox if m.to[0] == "tom@reuters.example")
    token = copies["tom@reuters.example"].preview_link.token
    assert f"/en/press/preview/{token}/pdf/" in english.body
    assert f"/en/press/preview/{token}/press-kit.zip" in english.body
    assert client.get(f"/en/press/preview/{token}/pdf/")["Content-Type"] == "application/pdf"

    # One revoked link shuts out its journalist alone.
    revoked = copies["jb@rp.example"].preview_link
    revoked.revoked_at = timezone.now()
    revoked.save()
    assert client.get(paths["jb@rp.example"]).status_code == 404
    assert client.get(paths["tom@reuters.example"]).status_code == 200


def test_copy_refused_by_the_mail_server_is_not_recorded_as_delivered(
    immediate_tasks,
    smtp_settings,
    smtp_server,
    publisher_client,
    statement,
    journalists,
    django_capture_on_commit_callbacks,
):
    smtp_server.sink.before_accepting = lambda recipients: "550 No such mailbox"
    send_and_deliver(
        publisher_client, statement, journalists[:1], django_capture_on_commit_callbacks
    )
    copy = AdvanceCopy.objects.get()
    assert copy.delivered_at is None
    field = LexborHTMLParser(
        publisher_client.get(change_url(statement)).content.decode()
    ).css_first(".advance-copies tbody tr")
    assert field.css("td")[4].text() == "not delivered (yet)"


@pytest.mark.django_db(transaction=True)
def test_worker_process_delivers_each_journalist_their_embargoed_copy(
    start_worker, smtp_server, admin_client
):
    statement = make_embargoed_statement()
    journalists = [
        make_journalist(),
        make_journalist(
            name="Tom Baker", outlet="Reuters", email="tom@reuters.example", language="en"
        ),
    ]
    start_worker()
    response = send(admin_client, statement, journalists)
    assert response.status_code == 200

    received = smtp_server.sink.wait_for(2)
    by_recipient = {message.recipients[0]: message for message in received}
    assert sorted(by_recipient) == ["jb@rp.example", "tom@reuters.example"]
    german, english = by_recipient["jb@rp.example"], by_recipient["tom@reuters.example"]
    # The embargoed copy names the embargo in the subject. (Django folds a long
    # encoded subject onto a line of its own; mail programs drop the leading space.)
    subjects = [message["Subject"].lstrip() for message in (german, english)]
    assert subjects == [
        f"SPERRFRIST: {EMBARGO_DE} – Allianz legt Klimaplan vor",
        f"EMBARGOED UNTIL {EMBARGO_EN} – Alliance presents climate plan",
    ]
    assert (german["Content-Language"], english["Content-Language"]) == ("de", "en")
    deadline = time.monotonic() + 30
    while AdvanceCopy.objects.filter(delivered_at__isnull=True).exists():
        assert time.monotonic() < deadline, "the worker did not record the deliveries"
        time.sleep(0.2)
    for message, language in ((german, "de"), (english, "en")):
        text = message.get_body(("plain",)).get_content()
        link = AdvanceCopy.objects.get(journalist__email=message.recipients[0]).preview_link
        assert f"/{language}/press/preview/{link.token}/" in text
        assert (
            f"/{language}/press/preview/{link.token}/" in message.get_body(("html",)).get_content()
        )
