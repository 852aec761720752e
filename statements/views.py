from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import DetailView, ListView

from alliance_portal.publishing.page_cache import cached
from alliance_portal.publishing.slugs import slugify_de
from alliance_portal.publishing.views import PreviewableMixin, moved_permanently
from alliance_portal.richtext import to_plain_text
from alliance_portal.views import AllianceYearFilterMixin
from alliance_portal.web import share_images
from alliance_portal.web.structured_data import news_article_data
from members.models import Organisation, Person

from . import quote_approvals
from .forms import QuoteAnswerForm
from .models import PressStatement, PreviewLink, Quote, QuoteApproval
from .pdf import render_statement_pdf, statement_pdf_filename
from .press_kit import stream_press_kit, vcard


def with_parts(statements):
    """Everything a statement page, PDF or press kit shows, in a fixed number of queries."""
    return statements.select_related("alliance").prefetch_related(
        Prefetch("quotes", queryset=Quote.objects.select_related("organisation")),
        "attachments",
        Prefetch("signatories", queryset=Organisation.objects.published()),
        Prefetch("press_contacts", queryset=Person.objects.select_related("organisation")),
    )


def attach_speaker_organisations(statement):
    """Give each quote the public organisation its speaker spoke for (`quote.speaks_for`),
    so the page can show its logo and link it: the one the quote is linked to ("on
    behalf of"), or else the signatory its speaker's organisation names, in any
    language. No query: the parts are prefetched (`with_parts`)."""
    by_name = {}
    for organisation in statement.signatories.all():
        for code, _name in settings.LANGUAGES:
            name = getattr(organisation, f"name_{code}", None) or organisation.name
            by_name.setdefault(name.casefold(), organisation)
    for quote in statement.quotes.all():
        linked = quote.organisation
        if linked is not None and linked.is_published:
            quote.speaks_for = linked
        else:
            quote.speaks_for = by_name.get((quote.speaker_organisation or "").casefold())


def not_for_the_public(response):
    """An embargoed statement shown by exception: never cached, never indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class PressListView(AllianceYearFilterMixin, ListView):
    """Released statements, newest first; filter by alliance and year."""

    model = PressStatement
    alliance_lookup = "alliance"
    template_name = "statements/pressstatement_list.html"
    context_object_name = "statements"

    def published_items(self):
        return PressStatement.objects.published().select_related("alliance")


class PressDetailView(PreviewableMixin, DetailView):
    model = PressStatement
    context_object_name = "statement"

    def get_queryset(self):
        return with_parts(self.base_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statement = self.object
        data = news_article_data(
            self.request,
            headline=statement.headline,
            description=statement.sub_headline or statement.lead,
            published=statement.published_at,
            modified=statement.updated_at,
            url=statement.get_absolute_url(),
            publishers=[statement.alliance.name],
        )
        data["dateline"] = statement.dateline_place
        data["articleBody"] = to_plain_text(statement.body)
        context["structured_data"] = data
        attach_speaker_organisations(statement)
        # An embargoed statement seen in preview must never reach a search engine.
        context["noindex"] = not statement.is_published
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        return not_for_the_public(response) if context["is_preview"] else response


def active_preview_link(token):
    """The preview link a token names, if it is valid and active; 404 otherwise."""
    link = PreviewLink.active_for_token(token)
    if link is None:
        raise Http404("This preview link is not valid (any more).")
    return link


def statement_with_parts(link):
    return with_parts(PressStatement.objects.filter(pk=link.statement_id)).get()


class PreviewLinkView(PressDetailView):
    """The embargoed statement for the journalist a signed link was made for."""

    def get_object(self, queryset=None):
        self.link = active_preview_link(self.kwargs["token"])
        return statement_with_parts(self.link)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = True
        context["noindex"] = True
        context["preview_link"] = self.link
        return context


def pdf_response(statement):
    """The statement's PDF in the active language, made once per content generation.

    The generation changes with any content change (alliance_portal/publishing/page_cache.py),
    also of the organisations and people the PDF names, not only the statement's. Without
    a reachable cache the PDF is made for each request.
    """
    key = ":".join(
        [
            "statement-pdf",
            str(statement.pk),
            get_language(),
            "released" if statement.is_published else "embargoed",
        ]
    )
    pdf = cached(key, lambda: render_statement_pdf(statement), timeout=60 * 60 * 24)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{statement_pdf_filename(statement)}"'
    return response if statement.is_published else not_for_the_public(response)


def statement_pdf(request, slug):
    statements = PressStatement.objects.visible_to(request.user)
    statement = with_parts(statements).filter(slug=slug).first()
    if statement is None:
        return moved_permanently(statements, slug, lambda s: reverse("press:pdf", args=[s.slug]))
    return pdf_response(statement)


def preview_pdf(request, token):
    """The PDF for the journalist a preview link was made for: never cached, never indexed."""
    return not_for_the_public(pdf_response(statement_with_parts(active_preview_link(token))))


def press_kit_response(statement):
    response = StreamingHttpResponse(stream_press_kit(statement), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{statement.slug}-press-kit.zip"'
    return response


def press_kit(request, slug):
    """A ZIP of PDFs, text, attachments, logos and vCards, streamed while it is built."""
    statements = PressStatement.objects.visible_to(request.user)
    statement = with_parts(statements).filter(slug=slug).first()
    if statement is None:
        return moved_permanently(
            statements, slug, lambda s: reverse("press:press-kit", args=[s.slug])
        )
    response = press_kit_response(statement)
    return response if statement.is_published else not_for_the_public(response)


def preview_press_kit(request, token):
    """The press kit for the journalist a preview link was made for: never cached,
    never indexed."""
    return not_for_the_public(press_kit_response(statement_with_parts(active_preview_link(token))))


def contact_vcard(request, slug, pk):
    """One press contact of a statement as a vCard, for a journalist's address book.
    A 404 wherever the statement itself is, and for anyone not its press contact."""
    statements = PressStatement.objects.visible_to(request.user)
    statement = statements.filter(slug=slug).first()
    if statement is None:
        raise Http404("No such press statement.")
    person = statement.press_contacts.select_related("organisation").filter(pk=pk).first()
    if person is None:
        raise Http404("Not a press contact of this statement.")
    response = HttpResponse(vcard(person), content_type="text/vcard; charset=utf-8")
    filename = f"{slugify_de(person.name)}.vcf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response if statement.is_published else not_for_the_public(response)


def statement_share_card(statement):
    """What a statement's sharing image shows, in the active language."""
    alliance = statement.alliance
    released = date_format(timezone.localtime(statement.published_at), "DATE_FORMAT")
    return share_images.ShareCard(
        title=statement.headline,
        band_text=alliance.name,
        colour=alliance.brand_colour,
        heading=f"{gettext('Press statement')} · {released}",
        logo=share_images.read_file(alliance.logo),
    )


@require_safe
def statement_share_image(request, slug):
    """The statement's sharing image (alliance_portal/web/share_images.py), for whoever
    may see its page: an embargoed statement's is a 404 for the public, as its page is."""
    statements = PressStatement.objects.visible_to(request.user)
    statement = statements.select_related("alliance").filter(slug=slug).first()
    if statement is None:
        return moved_permanently(
            statements, slug, lambda s: reverse("press:share-image", args=[s.slug])
        )
    alliance = statement.alliance
    version = (
        "statement",
        statement.pk,
        get_language(),
        statement.updated_at.isoformat(),
        statement.published_at.isoformat(),
        alliance.updated_at.isoformat(),
        alliance.brand_colour,
        alliance.logo.name,
    )
    png = share_images.cached_png(
        version, lambda: share_images.render(statement_share_card(statement))
    )
    response = HttpResponse(png, content_type="image/png")
    return response if statement.is_published else not_for_the_public(response)


@require_http_methods(["GET", "HEAD", "POST"])
def quote_approval(request, token):
    """The page a quoted organisation's contact approves their quote on, or proposes
    another wording: the draft statement with their quote highlighted. Not for the
    public: never cached, never indexed. A link altered, expired or made for a
    statement released since gets a page that says so."""
    approval = QuoteApproval.for_token(token)
    if approval is None:
        return quote_approval_unavailable(request, "invalid", status=404)
    if approval.quote.statement.is_published:
        return quote_approval_unavailable(request, "released", status=410, approval=approval)
    if approval.is_expired:
        return quote_approval_unavailable(request, "expired", status=410, approval=approval)
    statement = with_parts(PressStatement.objects.filter(pk=approval.quote.statement_id)).get()
    quote = next(quote for quote in statement.quotes.all() if quote.pk == approval.quote_id)
    wording = quote_approvals.text_in(quote, approval.language)
    state, _latest = quote_approvals.quote_state(quote)
    is_open = approval.adopted_at is None
    proposing = "propose" in request.POST
    form = QuoteAnswerForm(
        request.POST if request.method == "POST" else None,
        wording=wording,
        proposing=proposing,
        initial={"proposed_text": approval.proposed_text or wording, "comment": approval.comment},
    )
    if request.method == "POST" and (not is_open or form.is_valid()):
        if not is_open:
            pass  # Their wording was taken over: nothing left to answer.
        elif proposing:
            quote_approvals.propose_wording(
                approval=approval,
                wording=wording,
                proposed_text=form.cleaned_data["proposed_text"],
                comment=form.cleaned_data["comment"],
            )
        else:
            quote_approvals.approve(approval=approval, wording=wording)
        return not_for_the_public(HttpResponseRedirect(request.path))
    attach_speaker_organisations(statement)
    context = {
        "statement": statement,
        "approval": approval,
        "own_quote": quote,
        "wording": wording,
        "state": state,
        "is_open": is_open,
        "form": form,
        "noindex": True,
    }
    status = 400 if request.method == "POST" else 200
    return not_for_the_public(
        TemplateResponse(request, "statements/quote_approval.html", context, status=status)
    )


def quote_approval_unavailable(request, reason, *, status, approval=None):
    context = {"reason": reason, "approval": approval, "noindex": True}
    return not_for_the_public(
        TemplateResponse(
            request, "statements/quote_approval_unavailable.html", context, status=status
        )
    )
