"""Press statements as print-ready A4 PDFs, made with ReportLab.

`render_statement_pdf(statement)` renders in the active language and time zone:
a header band with the issuing alliance on every page (its logo on page 1), the
signatories (each by name, under its logo where it has one), dateline, headline,
sub-headline, lead, text, the quotes with their attribution, a framed press
contact box and the paragraph about the alliance; a footer with "Page X of Y"
on every page and, while the statement is not public yet, a red embargo banner
on every page.

The same statement in the same language gives the same bytes (ReportLab's
invariant mode), as long as it is rendered on the same side of its release time.

Every text in a Paragraph goes through `pdf_markup.paragraph_text` (ReportLab reads
Paragraph text as markup); the rich-text body becomes flowables in `pdf_markup`.

Fonts: DejaVu Sans 2.37.3, regular, bold, oblique and bold oblique, taken from the npm package
`dejavu-fonts-ttf` and kept in `fonts/` with their licence (Bitstream Vera
licence; the DejaVu changes are public domain). They cover umlauts, ß, €,
„typographic quotes“, dashes and the subscript in CO₂, and are embedded in each
PDF as subsets, so no system fonts are needed.
"""

import logging
import re
from functools import cache, partial
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext, ngettext
from reportlab.lib.colors import HexColor, white
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    Indenter,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from alliance_portal.publishing.slugs import slugify_de

from .pdf_markup import attribute_value, paragraph_text, rich_text_flowables
from .quotation import quote_marks, text_language, without_quote_marks

logger = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

# The site's palette (alliance_portal/static/css/site.css).
INK = HexColor("#1d2330")
MUTED = HexColor("#4d5566")
ACCENT_HEX = "#0b5cad"
ACCENT = HexColor(ACCENT_HEX)
SURFACE = HexColor("#f4f6f9")
RULE = HexColor("#c9d1dc")
EMBARGO_RED = HexColor("#b3261e")

ACCENT_STRIP = 2 * mm  # full-bleed strip along the top edge
FIRST_BAND = 34 * mm  # header band on page 1, strip included
LATER_BAND = 15 * mm  # header band on the other pages
ALLIANCE_LOGO_BOX = (48 * mm, 20 * mm)  # width, height
EMBARGO_GAP = 4 * mm
EMBARGO_HEIGHT = 9 * mm
CONTENT_GAP = 9 * mm  # between header (or embargo banner) and text
FOOTER_RULE_Y = 14 * mm
FOOTER_TEXT_Y = 9 * mm
FRAME_BOTTOM = 20 * mm

SIGNATORY_LOGO_HEIGHT = 13 * mm
SIGNATORIES_PER_ROW = 4
SIGNATORY_GAP = 5 * mm  # between two signatories' columns
QUOTE_INDENT = 8 * mm
QUOTE_MIN_PIECE = 20 * mm  # the least of a quote's block worth starting at a page's foot
QUOTE_KEEP_WHOLE = 45 * mm  # quotes shorter than this never break across pages

# Dates as a German or English press release writes them. Other languages get
# their locale's DATE_FORMAT / DATETIME_FORMAT.
DATELINE_FORMATS = {"de": "j. F Y", "en": "j F Y"}
EMBARGO_FORMATS = {"de": r"j. F Y, H:i \U\h\r (T)", "en": "j F Y, H:i (T)"}

FILENAME_MAX_LENGTH = 100


@cache
def register_fonts():
    """Registers DejaVu Sans (regular, bold, oblique, bold oblique), once per process."""
    for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, FONT_DIR / f"{name}.ttf"))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )


def render_statement_pdf(statement):
    """The statement as an A4 PDF, in the active language; returns the bytes."""
    register_fonts()
    language = _language()
    alliance = statement.alliance
    released_at = timezone.localtime(statement.published_at)
    styles = _styles()

    page = _PageDecoration(
        alliance_name=alliance.name,
        alliance_logo=_read_image(alliance.logo),
        label=gettext("Press release"),
        footer_text=statement.headline,
        banner=None if statement.is_published else _banner_text(statement, released_at),
        page_label=gettext("Page %(number)s of %(total)s"),
    )

    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=FRAME_BOTTOM,
        title=statement.headline,
        subject=statement.sub_headline,
        author=alliance.name,
        creator="Alliance Portal",
        lang=language,
        invariant=True,
        initialFontName=FONT,  # so that no unembedded standard font is referenced
    )
    doc.addPageTemplates(
        [
            PageTemplate("first", [page.frame(first=True)], onPage=page.draw_first),
            PageTemplate("later", [page.frame(first=False)], onPage=page.draw_later),
        ]
    )
    story = [NextPageTemplate("later")]
    story += _signatories(statement, styles)
    story += _heading(statement, released_at, styles)
    story += [Paragraph(_markup(p), styles["lead"]) for p in _paragraphs(statement.lead)]
    story += rich_text_flowables(statement.body, styles, link_color=ACCENT_HEX)
    for quote in statement.quotes.all():
        story += _quote_block(quote, styles)
    story += _contact_box(statement, styles)
    story += _about(statement, styles)
    doc.build(story, canvasmaker=partial(_NumberedCanvas, decoration=page))
    return buffer.getvalue()


def statement_pdf_filename(statement):
    """A readable ASCII file name: release date, slug, language, such as
    ``2021-11-30-aluminiumbuendnis-nrw-gemeinsame-erklaerung-de.pdf``."""
    day = timezone.localtime(statement.published_at).date().isoformat()
    language = slugify(_language()) or "de"
    slug = slugify(statement.slug) or slugify_de(statement.headline) or "press-statement"
    room = FILENAME_MAX_LENGTH - len(f"{day}--{language}.pdf")
    if len(slug) > room:
        # Cut at a word boundary when there is one.
        slug = slug[: room + 1].rsplit("-", 1)[0] if "-" in slug[: room + 1] else slug[:room]
        slug = slug.strip("-")
    return f"{day}-{slug}-{language}.pdf"


# --- Page decoration: header band, embargo banner, footer --------------------


class _PageDecoration:
    """Draws what every page carries around the text frame."""

    def __init__(self, *, alliance_name, alliance_logo, label, footer_text, banner, page_label):
        self.alliance_name = alliance_name
        self.alliance_logo = alliance_logo
        self.label = label
        self.footer_text = footer_text
        self.banner = banner
        self.page_label = page_label

    def frame(self, *, first):
        top = PAGE_HEIGHT - (FIRST_BAND if first else LATER_BAND)
        if self.banner:
            top -= EMBARGO_GAP + EMBARGO_HEIGHT
        top -= CONTENT_GAP
        return Frame(
            MARGIN,
            FRAME_BOTTOM,
            CONTENT_WIDTH,
            top - FRAME_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="first" if first else "later",
        )

    def draw_first(self, canvas, doc):
        canvas.saveState()
        self._band(canvas, FIRST_BAND)
        inner_top = PAGE_HEIGHT - ACCENT_STRIP
        inner_height = FIRST_BAND - ACCENT_STRIP
        text_x = MARGIN
        if self.alliance_logo:
            logo = self.alliance_logo
            width, height = logo.fit(*ALLIANCE_LOGO_BOX)
            y = inner_top - inner_height / 2 - height / 2
            canvas.drawImage(ImageReader(BytesIO(logo.data)), MARGIN, y, width, height, mask="auto")
            text_x += width + 6 * mm
        name = Paragraph(paragraph_text(self.alliance_name), _band_name_style())
        label = Paragraph(paragraph_text(self.label.upper()), _band_label_style())
        available = PAGE_WIDTH - MARGIN - text_x
        _, name_height = name.wrap(available, inner_height)
        _, label_height = label.wrap(available, inner_height)
        block = name_height + 1.5 * mm + label_height
        y = inner_top - inner_height / 2 + block / 2
        name.drawOn(canvas, text_x, y - name_height)
        label.drawOn(canvas, text_x, y - block)
        self._common(canvas)
        canvas.restoreState()

    def draw_later(self, canvas, doc):
        canvas.saveState()
        self._band(canvas, LATER_BAND)
        baseline = PAGE_HEIGHT - ACCENT_STRIP - (LATER_BAND - ACCENT_STRIP) / 2 - 3
        label = self.label.upper()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(ACCENT)
        label_width = canvas.stringWidth(label, FONT, 7.5)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, baseline, label)
        canvas.setFont(FONT_BOLD, 9)
        canvas.setFillColor(INK)
        name = _truncate(self.alliance_name, FONT_BOLD, 9, CONTENT_WIDTH - label_width - 8 * mm)
        canvas.drawString(MARGIN, baseline, name)
        self._common(canvas)
        canvas.restoreState()

    def draw_page_number(self, canvas, number, total):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        text = self.page_label % {"number": number, "total": total}
        canvas.drawRightString(PAGE_WIDTH - MARGIN, FOOTER_TEXT_Y, text)
        canvas.restoreState()

    def _band(self, canvas, height):
        canvas.setFillColor(SURFACE)
        canvas.rect(0, PAGE_HEIGHT - height, PAGE_WIDTH, height, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.rect(0, PAGE_HEIGHT - ACCENT_STRIP, PAGE_WIDTH, ACCENT_STRIP, stroke=0, fill=1)

    def _common(self, canvas):
        """The embargo banner and the footer, the same on every page."""
        band = FIRST_BAND if canvas.getPageNumber() == 1 else LATER_BAND
        if self.banner:
            y = PAGE_HEIGHT - band - EMBARGO_GAP - EMBARGO_HEIGHT
            canvas.setFillColor(EMBARGO_RED)
            canvas.roundRect(MARGIN, y, CONTENT_WIDTH, EMBARGO_HEIGHT, 1.5 * mm, stroke=0, fill=1)
            banner = Paragraph(paragraph_text(self.banner), _banner_style())
            _, height = banner.wrap(CONTENT_WIDTH - 8 * mm, EMBARGO_HEIGHT)
            banner.drawOn(canvas, MARGIN + 4 * mm, y + (EMBARGO_HEIGHT - height) / 2)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, FOOTER_RULE_Y, PAGE_WIDTH - MARGIN, FOOTER_RULE_Y)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(MUTED)
        # Room is left on the right for "Page 10 of 12" and its translations.
        footer = _truncate(self.footer_text, FONT, 7.5, CONTENT_WIDTH - 40 * mm)
        canvas.drawString(MARGIN, FOOTER_TEXT_Y, footer)


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so that each can say "Page 2 of 5"."""

    def __init__(self, *args, decoration, **kwargs):
        super().__init__(*args, **kwargs)
        self._decoration = decoration
        self._page_states = []

    def showPage(self):
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self._decoration.draw_page_number(self, self._pageNumber, total)
            super().showPage()
        super().save()


# --- The story ---------------------------------------------------------------


def _heading(statement, released_at, styles):
    dateline = ", ".join(
        part for part in (statement.dateline_place, _dateline_date(released_at)) if part
    )
    flowables = [
        Paragraph(paragraph_text(dateline), styles["dateline"]),
        Paragraph(paragraph_text(statement.headline), styles["headline"]),
    ]
    if statement.sub_headline:
        flowables.append(Paragraph(paragraph_text(statement.sub_headline), styles["sub_headline"]))
    return flowables


def _signatories(statement, styles):
    """Every signatory organisation by name, under its logo where one can be read, in
    rows of up to four. In a row with logos each name stands below a logo's space."""
    signatories = [
        (organisation.name, _read_image(organisation.logo))
        for organisation in statement.signatories.all()
    ]
    if not signatories:
        return []
    per_row = min(len(signatories), SIGNATORIES_PER_ROW)
    column = CONTENT_WIDTH / SIGNATORIES_PER_ROW
    rows = []
    for start in range(0, len(signatories), per_row):
        row = signatories[start : start + per_row]
        with_logos = any(image for _name, image in row)
        cells = []
        for name, image in row:
            cell = []
            if image:
                width, height = image.fit(column - SIGNATORY_GAP, SIGNATORY_LOGO_HEIGHT)
                cell += [
                    Spacer(0, SIGNATORY_LOGO_HEIGHT - height),
                    Image(BytesIO(image.data), width, height, hAlign="LEFT"),
                ]
            elif with_logos:
                cell.append(Spacer(0, SIGNATORY_LOGO_HEIGHT))
            if with_logos:
                cell.append(Spacer(0, 1.5 * mm))
            cell.append(Paragraph(paragraph_text(name), styles["signatory"]))
            cells.append(cell)
        rows.append(cells + [""] * (per_row - len(cells)))
    table = Table(rows, colWidths=[column] * per_row, hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("ALIGN", (0, 0), (-1, -1), "LEFT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), SIGNATORY_GAP),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    label = Paragraph(paragraph_text(gettext("Signatories")), styles["signatories_label"])
    return [label, table, Spacer(0, 3 * mm)]


def _quote_block(quote, styles):
    """The quote in the quotation marks of its text's language (German ones for German
    standing in for English), indented on a tinted ground, and who said it."""
    opening, closing = quote_marks(text_language(quote, "text"))
    paragraphs = _paragraphs(without_quote_marks(quote.text)) or [""]
    markup = [_markup(p) for p in paragraphs]
    markup[0] = opening + markup[0]
    markup[-1] += closing
    cell = [Paragraph(m, styles["quote"]) for m in markup]
    attribution = ", ".join(
        part
        for part in (quote.speaker_name, quote.speaker_function, quote.speaker_organisation)
        if part
    )
    if attribution:
        cell.append(Paragraph(f"— {paragraph_text(attribution)}", styles["attribution"]))
    table = _QuoteTable(
        [[cell]], colWidths=[CONTENT_WIDTH - QUOTE_INDENT], hAlign="LEFT", splitInRow=36
    )
    table.setStyle(
        _table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SURFACE),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5 * mm),
            ]
        )
    )
    table.spaceBefore = 2 * mm
    table.spaceAfter = 4 * mm
    return [Indenter(left=QUOTE_INDENT), table, Indenter(left=-QUOTE_INDENT)]


class _QuoteTable(Table):
    """A quote's block. A long one breaks across pages, but never leaves a sliver of a
    line or two, or the attribution alone, on the next page: it breaks higher up instead.
    A short one is kept whole."""

    def split(self, availWidth, availHeight):
        if getattr(self, "_height", 0) < QUOTE_KEEP_WHOLE:
            return []  # a short quote moves to the next page whole
        height = availHeight
        while height >= QUOTE_MIN_PIECE:
            parts = super().split(availWidth, height)
            if parts and not (len(parts) == 2 and _only_attribution(parts[1])):
                return parts
            height -= _styles()["quote"].leading
        return []


def _only_attribution(table):
    content = table._cellvalues[0][0]
    return isinstance(content, (list, tuple)) and all(
        getattr(getattr(flowable, "style", None), "name", None) == "attribution"
        for flowable in content
    )


def _contact_box(statement, styles):
    contacts = list(statement.press_contacts.all())  # with their organisations: `with_parts`
    if not contacts:
        return []
    heading = ngettext("Press contact", "Press contacts", len(contacts))
    phone_label = capfirst(gettext("phone"))
    email_label = capfirst(gettext("e-mail"))
    cells = []
    for person in contacts:
        lines = [f"<b>{paragraph_text(person.full_name)}</b>"]
        if person.function:
            lines.append(paragraph_text(person.function))
        if person.organisation_id:
            lines.append(paragraph_text(person.organisation.name))
        if person.phone:
            tel = re.sub(r"[^0-9+]", "", person.phone)
            lines.append(
                f'{paragraph_text(phone_label)} <link href="tel:{tel}">'
                f"{paragraph_text(person.phone)}</link>"
            )
        if person.email:
            href = attribute_value(f"mailto:{person.email}")
            lines.append(
                f'{paragraph_text(email_label)} <link href="{href}" color="{ACCENT_HEX}">'
                f"{paragraph_text(person.email)}</link>"
            )
        cells.append(Paragraph("<br/>".join(lines), styles["contact"]))
    columns = 2 if len(cells) > 1 else 1
    inner = CONTENT_WIDTH - 10 * mm
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    data = [[Paragraph(paragraph_text(heading), styles["box_heading"])] + [""] * (columns - 1)]
    data += rows
    table = Table(data, colWidths=[inner / columns] * columns)
    table.setStyle(
        _table_style(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ]
        )
    )
    box = Table([[table]], colWidths=[CONTENT_WIDTH])
    box.setStyle(
        _table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 4 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ]
        )
    )
    return [Spacer(0, 4 * mm), KeepTogether([box])]


def _about(statement, styles):
    text = statement.boilerplate or statement.alliance.summary
    if not text:
        return []
    heading = gettext("About %(alliance)s") % {"alliance": statement.alliance.name}
    paragraphs = [Paragraph(_markup(p), styles["about"]) for p in _paragraphs(text)]
    return [
        Spacer(0, 6 * mm),
        Paragraph(paragraph_text(heading), styles["about_heading"]),
        *paragraphs,
    ]


# --- Helpers -----------------------------------------------------------------


def _language():
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def _dateline_date(released_at):
    format_ = DATELINE_FORMATS.get(_language(), "DATE_FORMAT")
    return formats.date_format(released_at, format_)


def _banner_text(statement, released_at):
    if statement.published_at > timezone.now():
        format_ = EMBARGO_FORMATS.get(_language(), "DATETIME_FORMAT")
        time = formats.date_format(released_at, format_)
        return gettext("Embargoed until %(time)s") % {"time": time}
    # A draft whose release time has passed: not public, but no embargo either.
    return gettext("Draft: not for publication")


def _paragraphs(text):
    """Plain text's paragraphs: blocks separated by blank lines."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return [block.strip() for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def _markup(text):
    """A paragraph of plain text as Paragraph markup: escaped, line breaks kept."""
    return "<br/>".join(paragraph_text(line.strip()) for line in text.split("\n"))


def _read_image(field):
    """The image field's file as a `_Picture`, or None when there is none to read."""
    if not field:
        return None
    try:
        with field.open("rb") as file:
            data = file.read()
    except (OSError, ValueError):
        logger.debug("Image %s is missing from storage; left out of the PDF.", field.name)
        return None
    try:
        width, height = ImageReader(BytesIO(data)).getSize()
    except Exception:  # Pillow and ReportLab raise many kinds for broken files.
        logger.warning("Image %s cannot be read; left out of the PDF.", field.name)
        return None
    if not (width and height):
        return None
    return _Picture(data, width, height)


class _Picture(NamedTuple):
    data: bytes
    width: int
    height: int

    def fit(self, max_width, max_height):
        """The largest (width, height) that fits the box and keeps the proportions."""
        scale = min(max_width / self.width, max_height / self.height)
        return self.width * scale, self.height * scale


def _table_style(commands):
    # Tables set their own font before drawing cells: DejaVu, so that no unembedded
    # standard font is referenced.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def _truncate(text, font, size, width):
    """The text, shortened with an ellipsis to fit on one line of the given width."""
    text = " ".join((text or "").split())
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + " …", font, size) > width:
        text = text[:-1]
    return text.rstrip() + " …"


@cache
def _styles():
    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=14, textColor=INK)
    return {
        "dateline": ParagraphStyle(
            "dateline",
            base,
            fontName=FONT_BOLD,
            fontSize=9,
            leading=12,
            textColor=ACCENT,
            spaceAfter=3 * mm,
            keepWithNext=True,
        ),
        "headline": ParagraphStyle(
            "headline",
            base,
            fontName=FONT_BOLD,
            fontSize=19,
            leading=24,
            spaceAfter=3 * mm,
            keepWithNext=True,
        ),
        "sub_headline": ParagraphStyle(
            "sub_headline",
            base,
            fontSize=11.5,
            leading=16,
            textColor=MUTED,
            spaceAfter=6 * mm,
            keepWithNext=True,
        ),
        "lead": ParagraphStyle(
            "lead", base, fontName=FONT_BOLD, fontSize=10, leading=15, spaceAfter=3.5 * mm
        ),
        "body": ParagraphStyle("body", base, spaceAfter=3.5 * mm, allowWidows=0, allowOrphans=0),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=2 * mm,
            spaceAfter=2.5 * mm,
            keepWithNext=True,
        ),
        "h3": ParagraphStyle(
            "h3",
            base,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=1.5 * mm,
            spaceAfter=2 * mm,
            keepWithNext=True,
        ),
        "h4": ParagraphStyle(
            "h4",
            base,
            fontName=FONT_BOLD,
            spaceBefore=1 * mm,
            spaceAfter=1.5 * mm,
            keepWithNext=True,
        ),
        "list_item": ParagraphStyle("list_item", base, spaceAfter=1.5 * mm),
        "quotation": ParagraphStyle(
            "quotation", base, fontName=FONT_ITALIC, textColor=MUTED, spaceAfter=3.5 * mm
        ),
        "quote": ParagraphStyle(
            "quote",
            base,
            fontSize=10,
            leading=15,
            spaceAfter=1.5 * mm,
            allowWidows=0,
            allowOrphans=0,
        ),
        "attribution": ParagraphStyle(
            "attribution", base, fontSize=8.5, leading=12, textColor=MUTED, spaceBefore=0.5 * mm
        ),
        "signatories_label": ParagraphStyle(
            "signatories_label",
            base,
            fontSize=7.5,
            leading=10,
            textColor=MUTED,
            spaceAfter=1.5 * mm,
            keepWithNext=True,
        ),
        "signatory": ParagraphStyle("signatory", base, fontSize=8, leading=10),
        "box_heading": ParagraphStyle(
            "box_heading", base, fontName=FONT_BOLD, fontSize=10, leading=13, textColor=ACCENT
        ),
        "contact": ParagraphStyle("contact", base, fontSize=9, leading=13.5),
        "about_heading": ParagraphStyle(
            "about_heading",
            base,
            fontName=FONT_BOLD,
            fontSize=9.5,
            leading=13,
            spaceAfter=1.5 * mm,
            keepWithNext=True,
        ),
        "about": ParagraphStyle(
            "about", base, fontSize=8.5, leading=12.5, textColor=MUTED, spaceAfter=2 * mm
        ),
    }


@cache
def _band_name_style():
    return ParagraphStyle("band_name", fontName=FONT_BOLD, fontSize=12.5, leading=15.5)


@cache
def _band_label_style():
    return ParagraphStyle("band_label", fontName=FONT, fontSize=8, leading=10, textColor=ACCENT)


@cache
def _banner_style():
    return ParagraphStyle(
        "banner",
        fontName=FONT_BOLD,
        fontSize=10,
        leading=12,
        textColor=white,
        alignment=TA_CENTER,
    )
