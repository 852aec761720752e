"""Rich text: the HTML we store, and how other text becomes it or is derived from it.

Long-form fields (alliance descriptions, section texts, news and statement bodies…) hold
HTML written by the admin's editor. Whatever writes them, what is stored is `clean()`'s
output: HTML sanitised by nh3 against the allow-list below, nothing else. nh3 parses the
input as a browser would (html5ever), drops every tag, attribute and URL scheme the list
does not name, removes <script> and <style> with their content, and serialises the result
again, so that what is stored is also what a browser will read.

Text that does not begin with a tag is plain text (typed in a shell, or written before
these fields held HTML): it is escaped and becomes paragraphs, so `<` in it stays a
character. Feeds, search snippets, meta descriptions and JSON-LD use `to_plain_text()`.
"""

import html
import re
from html.parser import HTMLParser

import nh3
from django.utils.html import escape
from markdown_it import MarkdownIt

# The allow-list: what the editor can make, and nothing more.
ALLOWED_TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "a", "blockquote"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Set on every link: the linked page gets no Referer and no handle on our window.
LINK_REL = "noopener noreferrer"


def _drop_empty_links(tag, attribute, value):
    # href="" (or only spaces) would link to the page itself.
    return value if value.strip() else None


_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    # "*" empty: no attribute on every tag (nh3 would otherwise allow lang and title).
    attributes={"*": set(), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
    attribute_filter=_drop_empty_links,
    url_schemes=set(URL_SCHEMES),
    link_rel=LINK_REL,
    strip_comments=True,
)

_STARTS_WITH_MARKUP = re.compile(r"\s*<[A-Za-z!/?]")
_TAG = re.compile(r"<[^>]*>")
# What the sanitiser leaves of a link whose address it refused, and paragraphs the
# editor leaves empty (Enter pressed twice). Its output is canonical, so these match.
_LINK_WITHOUT_ADDRESS = re.compile(f'<a rel="{LINK_REL}">(.*?)</a>', re.DOTALL)
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br>)*</p>")
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div"})
LIST_TAGS = frozenset({"ul", "ol"})


def sanitize(markup):
    """`markup` with everything outside the allow-list removed (nh3), links without an
    address reduced to their text and empty paragraphs dropped."""
    result = _cleaner.clean(markup or "")
    result = _LINK_WITHOUT_ADDRESS.sub(r"\1", result)
    return _EMPTY_PARAGRAPH.sub("", result)


def clean(value):
    """The stored form of a rich-text value: sanitised HTML, or "" when it has no text.

    Plain text becomes escaped paragraphs. The result always begins with a tag, so
    cleaning it again changes nothing.
    """
    value = value or ""
    if not _STARTS_WITH_MARKUP.match(value):
        return from_plain_text(value)
    result = sanitize(value).strip()
    if not _has_text(result):
        return ""
    if not result.startswith("<"):
        # Markup in front was dropped and text came first: put that text in a paragraph.
        result = sanitize(f"<p>{result}").strip()
    return result


def from_plain_text(text):
    """Plain text as HTML: blank lines separate paragraphs, a line break stays one."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [block.strip() for block in re.split(r"\n[ \t]*\n", text) if block.strip()]
    markup = "".join(
        "<p>" + "<br>".join(escape(line.strip()) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    return sanitize(markup) if markup else ""


_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def from_markdown(text):
    """Markdown (CommonMark; raw HTML in it is shown as text) as clean HTML."""
    if not (text or "").strip():
        return ""
    return clean(_markdown.render(text))


def to_plain_text(markup):
    """The text of rich-text HTML, for places that take no markup.

    Paragraphs and headings are separated by a blank line, list items are put on lines
    of their own ("• " or "1. ", indented when nested), entities are decoded.
    """
    extractor = _PlainText()
    extractor.feed(clean(markup))
    extractor.close()
    return extractor.text()


def to_plain_line(markup):
    """The text of rich-text HTML on one line: for meta descriptions, feeds and JSON-LD."""
    return " ".join(to_plain_text(markup).split())


def _has_text(markup):
    return bool(html.unescape(_TAG.sub("", markup)).strip())


class _PlainText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # (text, is_list_item)
        self.current = []
        self.current_prefix = ""
        self.current_is_item = False
        self.lists = []  # per open list: next number, or None for bullets
        self.list_ends = set()  # indexes of blocks that follow the end of a list

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.current.append("\n")
        elif tag in LIST_TAGS:
            self._end_block()
            self.lists.append(1 if tag == "ol" else None)
        elif tag == "li":
            self._end_block()
            indent = "  " * max(len(self.lists) - 1, 0)
            number = self.lists[-1] if self.lists else None
            if number is None:
                self.current_prefix = f"{indent}• "
            else:
                self.current_prefix = f"{indent}{number}. "
                self.lists[-1] = number + 1
            self.current_is_item = True
        elif tag in BLOCK_TAGS:
            self._end_block()

    def handle_endtag(self, tag):
        if tag in LIST_TAGS:
            self._end_block()
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self.list_ends.add(len(self.blocks))  # the next block is not in this list
        elif tag in BLOCK_TAGS:
            self._end_block()

    def handle_data(self, data):
        self.current.append(data)

    def _end_block(self):
        lines = [" ".join(line.split()) for line in "".join(self.current).split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.blocks.append((self.current_prefix + text, self.current_is_item))
        self.current, self.current_prefix, self.current_is_item = [], "", False

    def text(self):
        self._end_block()
        pieces = []
        for index, (text, is_item) in enumerate(self.blocks):
            if index:
                tight = is_item and self.blocks[index - 1][1] and index not in self.list_ends
                pieces.append("\n" if tight else "\n\n")
            pieces.append(text)
        return "".join(pieces)


def plain_text_to_html_operation(app_label, fields_by_model):
    """A migration operation turning the plain text in these fields into HTML paragraphs.

    `fields_by_model` maps model names of `app_label` to their rich-text fields. Every
    column of a field is converted: its own and each language's (`body`, `body_de`,
    `body_en`). Backwards, the HTML becomes plain text again.
    """
    from django.conf import settings
    from django.db import migrations

    def converter(convert):
        def operation(apps, schema_editor):
            for model_name, fields in fields_by_model.items():
                model = apps.get_model(app_label, model_name)
                existing = {field.name for field in model._meta.concrete_fields}
                columns = [
                    column
                    for name in fields
                    for column in (name, *(f"{name}_{code}" for code, _ in settings.LANGUAGES))
                    if column in existing
                ]
                rows = list(model._default_manager.only("pk", *columns))
                for row in rows:
                    for column in columns:
                        if value := getattr(row, column):
                            setattr(row, column, convert(value))
                model._default_manager.bulk_update(rows, columns, batch_size=200)

        return operation

    return migrations.RunPython(
        converter(from_plain_text), converter(to_plain_text), elidable=False
    )
