"""Quote approval by the quoted organisations: requests, the contact's page, the
states and the take-over in the admin, the history, and the Publisher's confirmation."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from reversion.models import Version
from selectolax.lexbor import LexborHTMLParser

from alliance_portal.publishing.models import Publishable
from alliance_portal.publishing.roles import EDITOR, PUBLISHER
from statements import quote_approvals
from statements.models import PressStatement, Quote, QuoteApproval
from statements.quote_approvals import QuoteState
from tests.admin_forms import admin_form, admin_url, change_url, errors
from tests.factories import make_organisation, make_person, make_statement
from tests.workflow.conftest import _staff_client

pytestmark = pytest.mark.django_db

DRAFT = Publishable.Status.DRAFT
PUBLISHED = Publishable.Status.PUBLISHED


@pytest.fixture
def editor_client(django_user_model):
    return _staff_client(django_user_model, "edith", EDITOR)


@pytest.fixture
def publisher_client(django_user_model):
    return _staff_client(django_user_model, "paul", PUBLISHER)


@pytest.fixture
def organisation():
    organisation = make_organisation(name_de="Stahlwerk Duisburg")
    make_person(name="Petra Presse", email="presse@stahlwerk.example", organisation=organisation)
    make_person(name="Ohne Adresse", organisation=organisation)
    return organisation


@pytest.fixture
def statement(organisation):
    statement = make_statement(
        headline_de="Neues Werk in Duisburg",
        lead_de="Die Allianz begrüßt das Werk.",
        body_de="<p>Ein großer Tag.</p>",
        status=DRAFT,
        published_at=timezone.now() + timedelta(days=3),
    )
    Quote.objects.create(
        statement=statement,
        position=1,
        text_de="Wir bauen.",
        speaker_name="Erika Muster",
        organisation=organisation,
    )
    Quote.objects.create(
        statement=statement, position=2, text_de="Wir freuen uns.", speaker_name="Max Beispiel"
    )
    return statement


@pytest.fixture
def quote(statement):
    return statement.quotes.get(position=1)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(
        "redaktion", "redaktion@example.org", "pw", first_name="Rita", last_name="Redakteurin"
    )


def request_for(quote, staff, language="de"):
    return quote_approvals.request_approval(
        quote=quote,
        contact_name="Petra Presse",
        contact_email="presse@stahlwerk.example",
        language=language,
        user=staff,
    )


def history(statement):
    return [
        version.revision.get_comment()
        for version in Version.objects.get_for_object(statement).select_related("revision")
    ]


def page_url(approval, language="de"):
    with translation.override(language):
        return approval.get_absolute_url().replace(f"/{approval.language}/", f"/{language}/", 1)


def state_of(quote):
    return quote_approvals.quote_state(Quote.objects.get(pk=quote.pk))[0]


# --- States --------------------------------------------------------------------------


def test_quote_state_follows_the_latest_request(quote, staff):
    assert state_of(quote) == QuoteState.NOT_REQUESTED
    approval = request_for(quote, staff)
    assert state_of(quote) == QuoteState.REQUESTED
    quote_approvals.approve(approval=approval, wording="Wir bauen.")
    assert state_of(quote) == QuoteState.APPROVED
    request_for(quote, staff)
    assert state_of(quote) == QuoteState.REQUESTED


def test_quote_state_changed_since_approval_unless_only_marks_were_typed(quote, staff):
    approval = request_for(quote, staff)
    quote_approvals.approve(approval=approval, wording="Wir bauen.")
    quote.text_de = "„Wir bauen.“"  # German office input: the marks go
    quote.save()
    assert state_of(quote) == QuoteState.APPROVED
    quote.text_de = "Wir bauen bald."
    quote.save()
    assert state_of(quote) == QuoteState.CHANGED
    # The typed values of a form count before they are saved.
    assert quote_approvals.quote_state(quote, {"de": "„Wir bauen.“"})[0] == QuoteState.APPROVED


def test_quote_state_expired_when_unanswered_past_expiry(quote, staff):
    approval = request_for(quote, staff)
    QuoteApproval.objects.filter(pk=approval.pk).update(expires_at=timezone.now())
    assert state_of(quote) == QuoteState.EXPIRED


def test_request_expires_at_the_release_when_sooner_than_fourteen_days(statement, quote, staff):
    assert request_for(quote, staff).expires_at == statement.published_at
    statement.published_at = timezone.now() + timedelta(days=30)
    statement.save()
    now = timezone.now()
    assert quote_approvals.default_expiry(statement, now) == now + timedelta(days=14)


def test_request_in_english_asks_about_the_english_wording_or_the_german(quote, staff):
    assert request_for(quote, staff, "en").quote_text == "Wir bauen."
    quote.text_en = "We are building."
    quote.save()
    assert request_for(quote, staff, "en").quote_text == "We are building."


# --- The mail ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_request_mail_reaches_the_smtp_server_with_the_link(
    quote, staff, smtp_settings, smtp_server
):
    approval = request_for(quote, staff)  # queued once it commits
    call_command("db_worker", batch=True, reload=False, startup_delay=False)
    [message] = smtp_server.sink.wait_for(1, timeout=10)
    assert message.recipients == ["presse@stahlwerk.example"]
    assert message["Subject"] == translated(
        "de", "Please approve the quote by %(speaker)s", speaker="Erika Muster"
    )
    assert message["Content-Language"] == "de"
    assert message["Reply-To"] == "redaktion@example.org"
    link = f"http://127.0.0.1:8000/de/press/quote-approval/{approval.token}/"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert link in text
    assert "Wir bauen." in text
    assert f'href="{link}"' in html
    assert "Petra Presse" in text


def translated(language, msgid, **values):
    with translation.override(language):
        return gettext(msgid) % values


# --- The contact's page ----------------------------------------------------------------


def test_approval_page_shows_the_draft_with_their_quote_highlighted(client, quote, staff):
    approval = request_for(quote, staff)
    response = client.get(page_url(approval))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    html = LexborHTMLParser(response.content.decode())
    assert html.css_first("h1").text() == "Neues Werk in Duisburg"
    assert "Die Allianz begrüßt das Werk." in html.css_first(".body-text .lead").text()
    highlighted = [node.text(strip=True) for node in html.css(".body-text .own-quote blockquote")]
    assert highlighted == ["Wir bauen."]
    others = [node.text(strip=True) for node in html.css(".body-text .quote:not(.own-quote)")]
    assert others == ["„Wir freuen uns.“Max Beispiel"]
    forms = html.css("form.approval-form")
    assert [form.attributes.get("action") for form in forms] == [None, None]  # to itself
    assert all(form.css_first("input[name=csrfmiddlewaretoken]") for form in forms)
    assert html.css_first('meta[name="robots"]').attributes["content"] == "noindex, nofollow"
    assert not html.css("script:not([src]), style")  # CSP: no inline script or style


def test_approving_through_the_link_records_it_in_the_history(client, statement, quote, staff):
    approval = request_for(quote, staff)
    url = page_url(approval)
    response = client.post(url, {"shown": "Wir bauen.", "approve": ""})
    assert (response.status_code, response["Location"]) == (302, url)
    approval.refresh_from_db()
    assert (approval.state, approval.quote_text) == (QuoteApproval.State.APPROVED, "Wir bauen.")
    assert approval.responded_at is not None
    assert state_of(quote) == QuoteState.APPROVED
    assert history(statement)[:2] == [
        translated(
            "de",
            "Quote by %(speaker)s approved by %(contact)s via the link.",
            speaker="Erika Muster",
            contact="Petra Presse",
        ),
        translated(
            "de",
            "Approval of the quote by %(speaker)s requested from %(contact)s (%(email)s).",
            speaker="Erika Muster",
            contact="Petra Presse",
            email="presse@stahlwerk.example",
        ),
    ]
    assert Version.objects.get_for_object(statement).first().revision.user is None
    assert Version.objects.get_for_object(statement)[1].revision.user == staff
    page = client.get(url).content.decode()
    assert 'class="approval-state"' in page


def test_proposing_a_wording_keeps_it_without_typed_marks(client, statement, quote, staff):
    approval = request_for(quote, staff)
    response = client.post(
        page_url(approval, "en"),
        {
            "shown": "Wir bauen.",
            "proposed_text": "„Wir bauen – und zwar hier.“",
            "comment": "Bitte mit Ortsangabe.",
            "propose": "",
        },
    )
    assert response.status_code == 302
    approval.refresh_from_db()
    assert approval.state == QuoteApproval.State.CHANGES_PROPOSED
    assert approval.proposed_text == "Wir bauen – und zwar hier."
    assert approval.comment == "Bitte mit Ortsangabe."
    assert state_of(quote) == QuoteState.CHANGES_PROPOSED
    assert history(statement)[0] == translated(
        "de",
        "%(contact)s proposed a new wording for the quote by %(speaker)s via the link.",
        contact="Petra Presse",
        speaker="Erika Muster",
    )


@pytest.mark.parametrize(
    "proposed, message",
    [
        ("", "Type the wording you propose."),
        ("„Wir bauen.“", "This is the current wording: approve it, or change it."),
    ],
)
def test_proposal_needs_a_new_wording(client, quote, staff, proposed, message):
    approval = request_for(quote, staff)
    response = client.post(
        page_url(approval, "en"),
        {"shown": "Wir bauen.", "proposed_text": proposed, "propose": ""},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    approval.refresh_from_db()
    assert approval.state == QuoteApproval.State.REQUESTED


def test_answer_to_a_wording_changed_meanwhile_is_refused(client, quote, staff):
    approval = request_for(quote, staff)
    quote.text_de = "Wir bauen jetzt."
    quote.save()
    response = client.post(page_url(approval, "en"), {"shown": "Wir bauen.", "approve": ""})
    assert response.status_code == 400
    assert "The quote was changed meanwhile." in response.content.decode()
    approval.refresh_from_db()
    assert approval.state == QuoteApproval.State.REQUESTED


def test_page_needs_the_csrf_token(quote, staff):
    from django.test import Client

    approval = request_for(quote, staff)
    response = Client(enforce_csrf_checks=True).post(
        page_url(approval), {"shown": "Wir bauen.", "approve": ""}
    )
    assert response.status_code == 403
    approval.refresh_from_db()
    assert approval.state == QuoteApproval.State.REQUESTED


# --- Links that no longer work: clear pages, never a 500 ------------------------------


def unavailable_heading(response):
    return LexborHTMLParser(response.content.decode()).css_first("h1").text()


@pytest.mark.parametrize("language", ["de", "en"])
def test_altered_link_gets_a_clear_page_in_the_visitors_language(client, quote, staff, language):
    approval = request_for(quote, staff)
    token = approval.token
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = client.get(f"/{language}/press/quote-approval/{altered}/")
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert unavailable_heading(response) == translated(language, "This link is not valid")
    assert response.headers["Content-Language"] == language


@pytest.mark.parametrize(
    "token",
    [
        "x",
        "1:abc",
        "%00",
        "' OR 1=1 --",
        "a" * 3000,
        "MQ:1u9sX3:abc",
        "eyJhIjoxfQ:AAAA",
    ],
)
def test_broken_tokens_get_the_invalid_link_page_never_a_500(client, token):
    response = client.get(f"/en/press/quote-approval/{token}/")
    assert response.status_code == 404
    assert unavailable_heading(response) == "This link is not valid"


def test_token_of_a_preview_link_is_no_approval_link(client, statement):
    from statements.models import PreviewLink

    link = PreviewLink.objects.create(
        statement=statement, recipient="Redaktion", expires_at=timezone.now() + timedelta(days=1)
    )
    response = client.get(f"/en/press/quote-approval/{link.token}/")
    assert response.status_code == 404


def test_expired_link_gets_a_clear_page_and_answers_are_refused(client, quote, staff):
    approval = request_for(quote, staff)
    QuoteApproval.objects.filter(pk=approval.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(page_url(approval, "en"))
    assert response.status_code == 410
    assert unavailable_heading(response) == "This link has expired"
    assert "no-store" in response["Cache-Control"]
    response = client.post(page_url(approval, "en"), {"shown": "Wir bauen.", "approve": ""})
    assert response.status_code == 410
    approval.refresh_from_db()
    assert approval.state == QuoteApproval.State.REQUESTED


def test_link_of_a_released_statement_says_it_is_released(client, statement, quote, staff):
    approval = request_for(quote, staff)
    PressStatement.objects.filter(pk=statement.pk).update(
        status=PUBLISHED, published_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(page_url(approval, "en"))
    assert response.status_code == 410
    assert unavailable_heading(response) == "The statement has been released"
    link = LexborHTMLParser(response.content.decode()).css_first(".error-page p a")
    assert link.attributes["href"] == f"/en/press/{statement.slug}/"


def test_link_of_a_scheduled_statement_still_works(client, statement, quote, staff):
    approval = request_for(quote, staff)
    PressStatement.objects.filter(pk=statement.pk).update(status=PUBLISHED)
    assert client.get(page_url(approval)).status_code == 200


def test_page_is_never_kept_by_the_page_cache(client, quote, staff, settings):
    settings.PAGE_CACHE_SECONDS = 600
    approval = request_for(quote, staff)
    url = page_url(approval, "en")
    assert client.get(url).status_code == 200
    client.post(url, {"shown": "Wir bauen.", "approve": ""})
    page = client.get(url).content.decode()
    assert "you approved this wording" in page


# --- The admin -------------------------------------------------------------------------


def approval_cells(client, statement):
    response = client.get(change_url(statement))
    assert response.status_code == 200
    return LexborHTMLParser(response.content.decode()).css(".quote-approval")


def test_admin_shows_each_quotes_state_with_who_and_when(admin_client, statement, quote, staff):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    approval = request_for(quote, staff)
    first, second = approval_cells(admin_client, statement)
    assert first.attributes["data-state"] == "requested"
    assert first.css_first(".quote-approval-state").text() == "Approval requested"
    assert "asked Petra Presse (presse@stahlwerk.example)" in first.text()
    assert ", by Rita Redakteurin" in first.text()
    request_link = first.css_first("a").attributes["href"]
    assert request_link == (
        f"/admin/statements/pressstatement/{statement.pk}/quotes/{quote.pk}/request-approval/"
    )
    assert second.attributes["data-state"] == "not_requested"
    assert second.css_first("a").text() == "Request approval"
    quote_approvals.approve(approval=approval, wording="Wir bauen.")
    first, _second = approval_cells(admin_client, statement)
    assert first.css_first(".quote-approval-state").text() == "Approved"
    assert "answered on" in first.text()


def test_request_form_offers_the_organisations_contacts_with_e_mail(admin_client, statement, quote):
    url = admin_url(PressStatement, "quote_approval_request", statement.pk, quote.pk)
    html = LexborHTMLParser(admin_client.get(url).content.decode())
    options = [(o.attributes["value"], o.text()) for o in html.css("select[name=person] option")]
    person = quote.organisation.people.get(name="Petra Presse")
    assert options[1:] == [(str(person.pk), "Petra Presse <presse@stahlwerk.example>")]
    assert "selected" in html.css("select[name=person] option")[1].attributes


def test_request_form_sends_to_a_typed_contact(admin_client, statement, quote, mailoutbox):
    url = admin_url(PressStatement, "quote_approval_request", statement.pk, quote.pk)
    response = admin_client.post(url, {"person": "", "language": "en"})
    assert response.status_code == 200
    assert gettext("Choose a contact, or type a name and an e-mail address.") in (
        response.content.decode()
    )
    assert not QuoteApproval.objects.exists()
    response = admin_client.post(
        url,
        {
            "person": "",
            "contact_name": "Jo Doe",
            "contact_email": "jo@example.org",
            "language": "en",
        },
    )
    assert (response.status_code, response["Location"]) == (302, change_url(statement))
    approval = QuoteApproval.objects.get()
    assert (approval.contact_name, approval.contact_email, approval.language) == (
        "Jo Doe",
        "jo@example.org",
        "en",
    )


def test_no_requests_for_a_released_statement(admin_client, statement, quote):
    PressStatement.objects.filter(pk=statement.pk).update(
        status=PUBLISHED, published_at=timezone.now()
    )
    url = admin_url(PressStatement, "quote_approval_request", statement.pk, quote.pk)
    response = admin_client.post(
        url, {"person": "", "contact_name": "A", "contact_email": "a@b.example", "language": "de"}
    )
    assert (response.status_code, response["Location"]) == (302, change_url(statement))
    assert not QuoteApproval.objects.exists()


def test_request_view_is_a_404_for_a_quote_of_another_statement(admin_client, statement):
    other = make_statement()
    other_quote = Quote.objects.create(statement=other, text_de="Anders.", speaker_name="X")
    url = admin_url(PressStatement, "quote_approval_request", statement.pk, other_quote.pk)
    assert admin_client.get(url).status_code == 404


def test_taking_over_a_proposed_wording(admin_client, statement, quote, staff):
    approval = request_for(quote, staff)
    quote_approvals.propose_wording(
        approval=approval, wording="Wir bauen.", proposed_text="Wir bauen hier.", comment="Ort!"
    )
    [first, _second] = approval_cells(admin_client, statement)
    assert first.css_first("blockquote").text() == "Wir bauen hier."
    button = first.css_first("button")
    url = admin_url(PressStatement, "quote_approval_take_over", statement.pk, approval.pk)
    assert button.attributes["formaction"] == url
    assert admin_client.get(url).status_code == 405
    response = admin_client.post(url)
    assert (response.status_code, response["Location"]) == (302, change_url(statement))
    quote.refresh_from_db()
    assert quote.text_de == "Wir bauen hier."
    approval.refresh_from_db()
    assert approval.adopted_at is not None
    assert approval.adopted_by.username == "admin"
    assert state_of(quote) == QuoteState.ADOPTED
    latest = Version.objects.get_for_object(statement).select_related("revision__user").first()
    assert latest.revision.user.username == "admin"
    assert latest.revision.get_comment() == translated(
        "de",
        "Wording proposed by %(contact)s taken over for the quote by %(speaker)s.",
        contact="Petra Presse",
        speaker="Erika Muster",
    )
    # The history's version holds the new wording.
    quote_versions = [v for v in latest.revision.version_set.all() if v.object_id == str(quote.pk)]
    assert quote_versions and quote_versions[0].field_dict["text_de"] == "Wir bauen hier."


def test_editor_cannot_take_over_into_a_scheduled_statement(editor_client, statement, quote, staff):
    PressStatement.objects.filter(pk=statement.pk).update(status=PUBLISHED)
    approval = request_for(quote, staff)
    quote_approvals.propose_wording(
        approval=approval, wording="Wir bauen.", proposed_text="Wir bauen hier.", comment=""
    )
    url = admin_url(PressStatement, "quote_approval_take_over", statement.pk, approval.pk)
    response = editor_client.post(url, follow=True)
    assert "only a Publisher can change its quotes" in response.content.decode()
    quote.refresh_from_db()
    assert quote.text_de == "Wir bauen."


# --- Publishing with quotes not approved ----------------------------------------------


def publish_form(client, statement):
    fields = admin_form(client, change_url(statement))
    fields["status"] = PUBLISHED
    return fields


def test_publishing_with_quotes_not_approved_needs_confirmation(publisher_client, statement):
    fields = publish_form(publisher_client, statement)
    response = publisher_client.post(change_url(statement), fields)
    assert response.status_code == 200
    page = response.content.decode()
    assert any(
        "Not all quotes are approved: Erika Muster (approval not requested)" in e
        for e in errors(response)
    )
    assert 'name="publish_unapproved_quotes"' in page
    statement.refresh_from_db()
    assert statement.status == DRAFT

    fields["publish_unapproved_quotes"] = "on"
    response = publisher_client.post(change_url(statement), fields)
    assert response.status_code == 302, errors(response)
    statement.refresh_from_db()
    assert statement.status == PUBLISHED
    note = (
        "Published although not all quotes were approved: Erika Muster (approval not "
        "requested), Max Beispiel (approval not requested)."
    )
    assert history(statement)[0].endswith(note)


def test_publishing_with_all_quotes_approved_needs_no_confirmation(
    publisher_client, statement, staff
):
    for quote in statement.quotes.all():
        quote_approvals.approve(approval=request_for(quote, staff), wording=quote.text_de)
    response = publisher_client.post(
        change_url(statement), publish_form(publisher_client, statement)
    )
    assert response.status_code == 302, errors(response)
    statement.refresh_from_db()
    assert statement.status == PUBLISHED


def test_a_quote_added_in_the_same_save_counts_as_not_approved(publisher_client, statement, staff):
    for quote in statement.quotes.all():
        quote_approvals.approve(approval=request_for(quote, staff), wording=quote.text_de)
    fields = publish_form(publisher_client, statement)
    fields["quotes-TOTAL_FORMS"] = "3"
    fields.update({"quotes-2-text_de": "„Neu.“", "quotes-2-speaker_name": "Nora Neu"})
    response = publisher_client.post(change_url(statement), fields)
    assert response.status_code == 200
    assert any("Nora Neu (approval not requested)" in e for e in errors(response))


def test_saving_a_draft_needs_no_confirmation(publisher_client, statement):
    fields = admin_form(publisher_client, change_url(statement))
    response = publisher_client.post(change_url(statement), fields)
    assert response.status_code == 302, errors(response)


def test_publish_action_leaves_out_statements_with_quotes_not_approved(publisher_client, statement):
    other = make_statement(status=DRAFT)
    response = publisher_client.post(
        admin_url(PressStatement, "changelist"),
        {"action": "publish", "_selected_action": [statement.pk, other.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert re.search(r"Not published, as not all its quotes are approved: “Neues Werk", page)
    statement.refresh_from_db()
    other.refresh_from_db()
    assert (statement.status, other.status) == (DRAFT, PUBLISHED)


def test_approval_pages_are_valid_html(client, quote, staff, tmp_path):
    from tests.e2e.browser import require_java
    from tests.test_html_validity import outdated_checker_error, vnu_messages

    require_java()
    approval = request_for(quote, staff)
    url = page_url(approval, "en")
    pages = {
        "page.html": client.get(url),
        "error.html": client.post(url, {"shown": "Wir bauen.", "proposed_text": "", "propose": ""}),
        "invalid.html": client.get("/de/press/quote-approval/nothing/"),
    }
    files = []
    for name, response in pages.items():
        (tmp_path / name).write_bytes(response.content)
        files.append(tmp_path / name)
    problems = [
        message
        for message in vnu_messages(files)
        if message.get("type") == "error" and not outdated_checker_error(message)
    ]
    assert [(m["url"].rsplit("/", 1)[-1], m["message"], m.get("extract")) for m in problems] == []
