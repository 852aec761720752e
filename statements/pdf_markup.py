"""Text for ReportLab's Paragraph, made safe, and rich-text HTML as ReportLab flowables.

ReportLab's Paragraph reads its text as a mini-markup of its own (<b>, <font>, <link>,
<img>, <a href>, entities…). Every piece of text the PDF puts into a Paragraph goes
through `paragraph_text()` first, so what an editor typed is shown as typed and can
neither add markup, links or images nor break the renderer.

Rich text (`alliance_portal.richtext`) becomes flowables: paragraphs, headings h2–h4,
bullet and numbered lists (nested too), quotations, bold, italic, line breaks and links,
whose addresses must use one of the allowed schemes; other links keep only their text.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Indenter, ListFlowable, ListItem, Paragraph

from alliance_portal import richtext

# Characters XML 1.0 forbids (ReportLab's parser is XML-like): C0 controls except tab,
# newline and carriage return, lone surrogates, and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LINK_SCHEMES = richtext.URL_SCHEMES
INLINE_MARKUP = {"strong": ("<b>", "</b>"), "em": ("<i>", "</i>")}
INLINE_TAGS = frozenset({*INLINE_MARKUP, "a", "br"})
HEADING_STYLES = {"h2": "h2", "h3": "h3", "h4": "h4"}
LIST_INDENT = 6 * mm
QUOTATION_INDENT = 6 * mm


def paragraph_text(text):
    """Plain text for a Paragraph: markup characters escaped, forbidden characters gone."""
    return escape(_NOT_XML.sub("", text or ""))


def attribute_value(text):
    """Text for a double-quoted attribute of ReportLab's markup."""
    return escape(_NOT_XML.sub("", text or ""), {'"': "&quot;"})


def link_target(href):
    """The address of a link worth keeping in the PDF, or None.

    Only absolute addresses with an allowed scheme: a PDF has no page to resolve a
    relative one against, and anything else could launch or run something.
    """
    href = "".join((href or "").split())
    try:
        scheme = urlsplit(href).scheme.lower()
    except ValueError:
        return None
    return href if scheme in LINK_SCHEMES else None


def rich_text_flowables(markup, styles, *, link_color):
    """Flowables for rich-text HTML; `styles` needs "body", "list_item", "quotation",
    "h2", "h3" and "h4" ParagraphStyles."""
    tree = _parse(richtext.clean(markup))
    return _Renderer(styles, link_color).blocks(tree, "body")


class _Element:
    def __init__(self, tag, attrs=None):
        self.tag = tag
        self.attrs = dict(attrs or {})
        self.children = []


class _TreeBuilder(HTMLParser):
    """The clean HTML as a small tree; tolerant of stray or missing end tags."""

    VOID = frozenset({"br"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("root")
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs)
        self.open[-1].children.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(_Element(tag, attrs))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def _parse(markup):
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


class _Renderer:
    def __init__(self, styles, link_color):
        self.styles = styles
        self.link_color = link_color

    def blocks(self, element, style_name):
        """The element's content as block flowables; loose inline content becomes paragraphs."""
        flowables, inline = [], []

        def end_paragraph():
            markup = "".join(inline).strip()
            # Whitespace and line breaks alone make no paragraph.
            if re.sub(r"<br/>|\s", "", markup):
                flowables.append(Paragraph(markup, self.styles[style_name]))
            inline.clear()

        for child in element.children:
            if isinstance(child, str) or child.tag in INLINE_TAGS:
                inline.append(self.inline(child))
            else:
                end_paragraph()
                flowables += self.block(child, style_name)
        end_paragraph()
        return flowables

    def block(self, element, style_name):
        tag = element.tag
        if tag in HEADING_STYLES:
            return self.blocks(element, HEADING_STYLES[tag])
        if tag in ("ul", "ol"):
            return self.list(element)
        if tag == "blockquote":
            inner = self.blocks(element, "quotation")
            return [Indenter(left=QUOTATION_INDENT), *inner, Indenter(left=-QUOTATION_INDENT)]
        # p, and li outside a list, and anything unexpected: its content, as blocks.
        return self.blocks(element, style_name)

    def list(self, element):
        ordered = element.tag == "ol"
        items = []
        for child in element.children:
            if isinstance(child, str):
                if not child.strip():
                    continue
                content = [Paragraph(paragraph_text(child), self.styles["list_item"])]
            else:
                content = self.blocks(child, "list_item")
            if content:
                items.append(ListItem(content))
        if not items:
            return []
        body = self.styles["list_item"]
        options = {
            "leftIndent": LIST_INDENT,
            "bulletFontName": body.fontName,
            "bulletFontSize": body.fontSize,
            "bulletColor": body.textColor,
            "spaceAfter": body.spaceAfter,
        }
        if ordered:
            return [ListFlowable(items, bulletType="1", bulletFormat="%s.", **options)]
        return [ListFlowable(items, bulletType="bullet", start="•", **options)]

    def inline(self, node, in_link=False):
        """Paragraph markup for inline content; always balanced, whatever the nesting."""
        if isinstance(node, str):
            return paragraph_text(node)
        if node.tag == "br":
            return "<br/>"
        is_link = node.tag == "a"
        inner = "".join(self.inline(child, in_link or is_link) for child in node.children)
        if node.tag in INLINE_MARKUP:
            opening, closing = INLINE_MARKUP[node.tag]
            return f"{opening}{inner}{closing}" if inner else ""
        if is_link:
            target = link_target(node.attrs.get("href"))
            if in_link or target is None or not inner:
                return inner
            href = attribute_value(target)
            return f'<link href="{href}" color="{self.link_color}">{inner}</link>'
        # A block inside inline markup: its text, on a line of its own.
        return f"<br/>{inner}<br/>" if inner else ""
