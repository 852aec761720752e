"""The press kit: one ZIP with everything a journalist needs, streamed as it is built.

It holds the PDF in every language the statement has, the text as UTF-8,
every attachment, every signatory logo, the press contacts as vCards, and
a manifest (`manifest.json`) listing each file with its size, SHA-256 and,
for attachments and logos, credit and licence. Every file in it is dated with
the statement's release time, in the portal's time zone.
"""

import hashlib
import json
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.utils import timezone, translation

from alliance_portal.publishing.slugs import slugify_de
from alliance_portal.richtext import to_plain_text

from .pdf import render_statement_pdf
from .quotation import quoted, text_language

CHUNK = 64 * 1024
# What ZIP's MS-DOS timestamps can hold.
EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
LATEST_ZIP_TIME = (2107, 12, 31, 23, 59, 58)
# A regular file, readable by all, writable by its owner, when unpacked on Unix.
FILE_MODE = 0o100644


class _ChunkSink:
    """A write-only file for ZipFile that hands out what was written so far."""

    def __init__(self):
        self._chunks = []

    def write(self, data):
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def drain(self):
        chunks, self._chunks = self._chunks, []
        yield from chunks


def statement_languages(statement):
    """German always; every other language whose headline is filled in."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if code == settings.LANGUAGE_CODE or getattr(statement, f"headline_{code}", "")
    ]


def statement_text(statement):
    """The statement as plain text in the active language."""
    released = timezone.localtime(statement.published_at)
    lines = [
        statement.headline,
        statement.sub_headline,
        "",
        f"{statement.dateline_place}, {released:%Y-%m-%d}",
        "",
        statement.lead,
        "",
        to_plain_text(statement.body),
        "",
    ]
    for quote in statement.quotes.all():
        attribution = ", ".join(
            part
            for part in (quote.speaker_name, quote.speaker_function, quote.speaker_organisation)
            if part
        )
        lines += [quoted(quote.text, text_language(quote, "text"))]
        lines += [f"— {attribution}", ""]
    for person in statement.press_contacts.all():
        lines += [", ".join(p for p in (person.full_name, person.phone, person.email) if p)]
    return "\n".join(line for line in lines if line is not None).strip() + "\n"


def vcard(person):
    """A vCard 3.0 of a press contact."""

    def escape(value):
        return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")

    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{escape(person.full_name)}",
        f"N:{escape(person.name.split(' ')[-1])};{escape(' '.join(person.name.split(' ')[:-1]))};;"
        f"{escape(person.honorific)};",
    ]
    if person.organisation:
        lines.append(f"ORG:{escape(person.organisation.name)}")
    if person.function:
        lines.append(f"TITLE:{escape(person.function)}")
    if person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{person.phone}")
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{person.email}")
    lines.append("END:VCARD")
    return ("\r\n".join(lines) + "\r\n").encode()


def press_kit_entries(statement):
    """(path in the ZIP, a callable opening a binary file or giving bytes, manifest extra)."""
    slug = statement.slug
    for language in statement_languages(statement):
        with translation.override(language):
            yield f"{slug}-{language}.pdf", render_statement_pdf(statement), {"language": language}
            yield (
                f"{slug}-{language}.txt",
                statement_text(statement).encode("utf-8"),
                {"language": language},
            )
    for attachment in statement.attachments.all():
        name = PurePosixPath(attachment.file.name).name
        yield (
            f"attachments/{attachment.position:02d}-{name}",
            attachment.file,
            {"title": attachment.title, "credit": attachment.credit, "licence": attachment.licence},
        )
    for organisation in statement.signatories.all():
        if organisation.logo and organisation.logo.storage.exists(organisation.logo.name):
            suffix = PurePosixPath(organisation.logo.name).suffix
            yield (
                f"logos/{organisation.slug}{suffix}",
                organisation.logo,
                {"organisation": organisation.name, "alt": organisation.logo_alt},
            )
    for person in statement.press_contacts.all():
        yield f"contacts/{slugify_de(person.name)}.vcf", vcard(person), {"name": person.full_name}


def zip_time(moment):
    """A moment as a ZIP entry's date: local time in the portal's time zone, kept
    within what ZIP can hold (1980 to 2107)."""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    stamp = (local.year, local.month, local.day, local.hour, local.minute, local.second)
    return min(max(stamp, EARLIEST_ZIP_TIME), LATEST_ZIP_TIME)


def _member(path, date_time):
    info = zipfile.ZipInfo(path, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = FILE_MODE << 16
    return info


def stream_press_kit(statement):
    """Yield the ZIP's bytes piece by piece; files are read in chunks, never whole."""
    sink = _ChunkSink()
    manifest = []
    released = zip_time(statement.published_at)
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, source, extra in press_kit_entries(statement):
            digest, size = hashlib.sha256(), 0
            with archive.open(_member(path, released), mode="w", force_zip64=True) as entry:
                for chunk in _chunks(source):
                    digest.update(chunk)
                    size += len(chunk)
                    entry.write(chunk)
                    yield from sink.drain()
            manifest.append({"path": path, "size": size, "sha256": digest.hexdigest(), **extra})
            yield from sink.drain()
        archive.writestr(
            _member("manifest.json", released),
            json.dumps(
                {
                    "statement": statement.headline,
                    "released": statement.published_at.isoformat(),
                    "files": manifest,
                },
                ensure_ascii=False,
                indent=2,
            ),
        )
    yield from sink.drain()


def _chunks(source):
    if isinstance(source, bytes):
        yield source
        return
    source.open("rb")
    try:
        while chunk := source.read(CHUNK):
            yield chunk
    finally:
        source.close()
