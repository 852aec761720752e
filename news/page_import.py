"""Import long-form pages exported from a Hugo-like static site.

An exported page is YAML-ish front matter followed by `page-section` shortcode blocks (main text
plus a side note), an optional `page-cta` call to action and a final "Quellen" section whose
numbered links are the references. Exports often arrive as mis-decoded UTF-8 (mojibake), so all
text is repaired before it is parsed.

Section texts and side notes are Markdown (lists, nested lists, **bold**): they are imported as
rich-text HTML, rendered by markdown-it-py and sanitised (`alliance_portal.richtext`). Headings,
the call to action and the references stay plain text.
"""

import datetime
import json
import re
from dataclasses import dataclass, field

import ftfy
from ftfy.badness import badness

from alliance_portal.richtext import from_markdown

__all__ = [
    "ImportedCallToAction",
    "ImportedPage",
    "ImportedReference",
    "ImportedSection",
    "PageImportError",
    "parse_static_site_page",
    "repair_text",
]


class PageImportError(ValueError):
    """The page cannot be imported; the message says what is wrong with it."""


@dataclass
class ImportedSection:
    heading: str
    body: str  # HTML
    side_note: str  # HTML


@dataclass
class ImportedCallToAction:
    text: str
    button_text: str
    button_link: str
    image: str
    image_alt: str


@dataclass
class ImportedReference:
    number: int
    title: str
    url: str


@dataclass
class ImportedPage:
    title: str
    date: datetime.date
    summary: str = ""
    categories: list[str] = field(default_factory=list)
    image: str = ""
    sections: list[ImportedSection] = field(default_factory=list)
    cta: ImportedCallToAction | None = None
    references: list[ImportedReference] = field(default_factory=list)


# --- Repairing mojibake -------------------------------------------------------------------------

# Typographic quotes are real content in German text, and "‚" (U+201A) is also a common lead
# character of Mac Roman mojibake ("CO‚ÇÇ"); ftfy's default would turn it into an apostrophe and
# make the line unrepairable.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False)


def repair_text(text: str) -> str:
    """Return `text` with mis-decoded UTF-8 (mojibake) repaired.

    ftfy does the general work. It only touches text its heuristics find bad, and they miss some
    UTF-8-read-as-Mac-Roman sequences ("Energietr√§ger", "CO‚ÇÇ", "‚úì"), so each line it leaves
    alone gets one more, lossless try: encode as Mac Roman and decode as UTF-8.
    """
    fixed = ftfy.fix_text(text, _FTFY_CONFIG)
    return "".join(_undo_mac_roman_mojibake(line) for line in fixed.splitlines(keepends=True))


def _undo_mac_roman_mojibake(line: str) -> str:
    """Undo UTF-8 read as Mac Roman, if `line` is exactly that; otherwise return it unchanged."""
    try:
        candidate = line.encode("mac_roman").decode("utf-8")
    except UnicodeError:
        # Correct text almost never survives this round trip: "ä" is byte 0x8A in Mac Roman,
        # which cannot start a UTF-8 sequence.
        return line
    if candidate == line or badness(candidate) > badness(line):
        return line
    return candidate


# --- Front matter -------------------------------------------------------------------------------

_FRONT_MATTER_FENCE = "---"


def _split_front_matter(text: str) -> tuple[str, str]:
    """Return the front matter and the body of a page."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FRONT_MATTER_FENCE:
        raise PageImportError("Page has no front matter: its first line must be '---'.")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == _FRONT_MATTER_FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    raise PageImportError("Page front matter is not closed by a '---' line.")


def _parse_front_matter(front_matter: str) -> dict[str, str | bool | list[str]]:
    """Parse `key: value` lines; values are strings, booleans or lists of quoted strings."""
    values: dict[str, str | bool | list[str]] = {}
    for number, line in enumerate(front_matter.splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, separator, raw_value = line.partition(":")
        if not separator or not key.strip():
            raise PageImportError(f"Front matter line {number} is not 'key: value': {line!r}")
        values[key.strip()] = _parse_front_matter_value(raw_value.strip(), number)
    return values


def _parse_front_matter_value(raw: str, line_number: int) -> str | bool | list[str]:
    if raw in ("true", "false"):
        return raw == "true"
    if raw.startswith(("[", '"')):
        # Double-quoted YAML scalars and flow lists of them are valid JSON.
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as error:
            raise PageImportError(
                f"Front matter line {line_number} has a malformed value {raw!r}: {error.msg}."
            ) from error
        if isinstance(value, list):
            return [str(item) for item in value]
        return str(value)
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    return raw


def _required_title(values: dict) -> str:
    title = values.get("title")
    if not isinstance(title, str) or not title.strip():
        raise PageImportError("Page front matter has no title.")
    return title.strip()


def _required_date(values: dict) -> datetime.date:
    raw = values.get("date")
    if raw is None:
        raise PageImportError("Page front matter has no date.")
    try:
        # Hugo also writes full timestamps ("2025-10-24T09:00:00+02:00"); the day is what counts.
        return datetime.datetime.fromisoformat(str(raw)).date()
    except ValueError as error:
        raise PageImportError(
            f"Page front matter date {raw!r} is not an ISO date (YYYY-MM-DD)."
        ) from error


def _string_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [str(value)]


# --- Shortcodes ---------------------------------------------------------------------------------


def _shortcode_pattern(name: str) -> re.Pattern:
    """Match a paired shortcode `{{< name attrs >}} inner {{< /name >}}`."""
    return re.compile(
        r"\{\{<\s*" + re.escape(name) + r"(?P<attrs>(?:\s[^>]*)?)>\}\}"
        r"(?P<inner>.*?)"
        r"\{\{<\s*/" + re.escape(name) + r"\s*>\}\}",
        re.DOTALL,
    )


_SECTION = _shortcode_pattern("page-section")
_CONTENT = _shortcode_pattern("page-content")
_OUTLINE = _shortcode_pattern("page-outline")
_CTA = _shortcode_pattern("page-cta")
_ATTRIBUTE = re.compile(r'(?P<name>[\w-]+)="(?P<value>[^"]*)"')
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_REFERENCE = re.compile(r"^(?P<number>\d+)\.\s+\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)$")
_REFERENCES_HEADINGS = {"quellen", "sources", "references"}


def _attributes(raw: str) -> dict[str, str]:
    return {match["name"]: match["value"] for match in _ATTRIBUTE.finditer(raw)}


def _inner_text(pattern: re.Pattern, text: str) -> str:
    match = pattern.search(text)
    return match["inner"].strip() if match else ""


def _split_heading(content: str) -> tuple[str, str]:
    """Return the first Markdown heading (without its `#`) and the text around it."""
    match = _HEADING.search(content)
    if not match:
        return "", content.strip()
    rest = content[: match.start()] + content[match.end() :]
    return match["text"].strip(), rest.strip()


def _unquote(side_note: str) -> str:
    """Drop the `>` of a side note written entirely as a blockquote."""
    lines = side_note.splitlines()
    if not lines or not all(line.startswith(">") or not line.strip() for line in lines):
        return side_note
    return "\n".join(re.sub(r"^>[ \t]?", "", line) for line in lines).strip()


def _parse_section(block: str) -> tuple[str, str, str]:
    """The section's heading, and its text and side note as Markdown."""
    heading, body = _split_heading(_inner_text(_CONTENT, block))
    side_note = _unquote(_inner_text(_OUTLINE, block))
    return heading, body, side_note


def _parse_references(body: str) -> list[ImportedReference]:
    references = []
    for line in body.splitlines():
        if not line.strip():
            continue
        match = _REFERENCE.match(line.strip())
        if not match:
            raise PageImportError(f"Reference is not '1. [title](url)': {line.strip()!r}")
        references.append(
            ImportedReference(
                number=int(match["number"]), title=match["title"].strip(), url=match["url"]
            )
        )
    return references


def _parse_cta(match: re.Match) -> ImportedCallToAction:
    attributes = _attributes(match["attrs"])
    return ImportedCallToAction(
        text=match["inner"].strip(),
        button_text=attributes.get("button-text", ""),
        button_link=attributes.get("button-link", ""),
        image=attributes.get("image", ""),
        image_alt=attributes.get("alt", ""),
    )


def _check_nothing_left(body: str) -> None:
    leftover = _CTA.sub("", _SECTION.sub("", body)).strip()
    if leftover:
        raise PageImportError(f"Page has text outside its sections: {leftover[:80]!r}")


# --- The page -----------------------------------------------------------------------------------


def _decode(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PageImportError(f"Page is not UTF-8: {error}") from error


def parse_static_site_page(raw: bytes | str) -> ImportedPage:
    """Parse an exported page, repairing its text on the way."""
    text = repair_text(_decode(raw))
    front_matter, body = _split_front_matter(text)
    values = _parse_front_matter(front_matter)
    page = ImportedPage(
        title=_required_title(values),
        date=_required_date(values),
        summary=str(values.get("summary", "")).strip(),
        categories=_string_list(values.get("categories")),
        image=str(values.get("image", "")),
    )
    _check_nothing_left(body)
    for match in _SECTION.finditer(body):
        heading, text, side_note = _parse_section(match["inner"])
        if heading.casefold() in _REFERENCES_HEADINGS:
            page.references.extend(_parse_references(text))
        else:
            page.sections.append(
                ImportedSection(
                    heading=heading, body=from_markdown(text), side_note=from_markdown(side_note)
                )
            )
    ctas = list(_CTA.finditer(body))
    if len(ctas) > 1:
        raise PageImportError(f"Page has {len(ctas)} calls to action; at most one is supported.")
    if ctas:
        page.cta = _parse_cta(ctas[0])
    return page
