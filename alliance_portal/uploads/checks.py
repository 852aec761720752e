"""Whether an upload is accepted, judged by its content, never by its name alone.

Images (every image field, and images among attachments) must be PNG, JPEG or
WebP, named for what they are, within the byte, pixel and side limits below,
complete, with nothing appended, and decodable by Pillow. SVG is refused: it is
a document that can carry script, and sanitising it reliably is hard. Documents
(attachments, founding documents) may be PDF, Word, Excel or PowerPoint files
(without macros) or such images.

Every refusal is a `ValidationError` with its own code and a message that says
what is wrong and what to do instead.
"""

import re
import zipfile
from io import BytesIO
from pathlib import PurePosixPath
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from . import containers

MB = 1024 * 1024
IMAGE_MAX_BYTES = 10 * MB
DOCUMENT_MAX_BYTES = 25 * MB
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_MIN_SIDE = 16
IMAGE_MAX_SIDE = 10_000

# Accepted image formats and the file name endings each may have.
IMAGE_EXTENSIONS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "WEBP": (".webp",)}
ACCEPTED_IMAGE_TYPES = "image/png,image/jpeg,image/webp"

# Office files are ZIP packages; their main part says which kind.
OFFICE_MAIN_PARTS = {
    "word/document.xml": ("DOCX", ".docx"),
    "xl/workbook.xml": ("XLSX", ".xlsx"),
    "ppt/presentation.xml": ("PPTX", ".pptx"),
}
DOCUMENT_EXTENSIONS = {"PDF": (".pdf",), **IMAGE_EXTENSIONS} | {
    kind: (extension,) for kind, extension in OFFICE_MAIN_PARTS.values()
}
ACCEPTED_DOCUMENT_TYPES = ",".join(
    [".pdf", ".docx", ".xlsx", ".pptx", ".png", ".jpg", ".jpeg", ".webp"]
)

FORMAT_NAMES = {
    "PNG": "PNG",
    "JPEG": "JPEG",
    "WEBP": "WebP",
    "GIF": "GIF",
    "TIFF": "TIFF",
    "BMP": "BMP",
    "ICO": "ICO",
    "HEIC": "HEIC",
    "AVIF": "AVIF",
    "PDF": "PDF",
    "ZIP": "ZIP",
    "DOCX": "Word (.docx)",
    "XLSX": "Excel (.xlsx)",
    "PPTX": "PowerPoint (.pptx)",
}

# Markup that would make a browser run or render something, anywhere in a file.
MARKUP = re.compile(
    rb"<\s*(?:script|html|body|iframe|svg|object|embed|\?php|!doctype\s+html)[\s/>]",
    re.IGNORECASE,
)

MESSAGES = {
    "empty": _("The file “%(name)s” is empty. Choose the file again and upload it."),
    "image_too_large": _(
        "The file “%(name)s” is %(size)s; images may be at most %(limit)s. Save it "
        "smaller (for example as JPEG, or with fewer pixels) and upload it again."
    ),
    "document_too_large": _(
        "The file “%(name)s” is %(size)s; attachments may be at most %(limit)s. "
        "Make it smaller (for example compress the PDF) or share it by link instead."
    ),
    "svg": _(
        "The file “%(name)s” is an SVG image. SVG is not accepted, because it can "
        "contain scripts that would run in visitors' browsers. Export the image as "
        "PNG (for logos) or as JPEG or WebP (for photos) and upload that."
    ),
    "not_image": _(
        "The file “%(name)s” is not an image, whatever its name says. Upload a PNG, "
        "JPEG or WebP image."
    ),
    "image_format": _(
        "The file “%(name)s” is a %(format)s image. Only PNG, JPEG and WebP are "
        "accepted: convert it in an image editor and upload it again."
    ),
    "image_extension": _(
        "The file “%(name)s” contains a %(format)s image, but its name ends in "
        "“%(extension)s”. Rename it to end in “%(expected)s” and upload it again."
    ),
    "truncated": _(
        "The image “%(name)s” is incomplete: the file ends before the image does, as "
        "if the upload or an earlier download was cut off. Upload the complete file."
    ),
    "trailing_data": _(
        "The image “%(name)s” has other data attached after its end (such as an "
        "archive or a script). Open it in an image editor, save it as a new file "
        "and upload that."
    ),
    "markup": _(
        "The image “%(name)s” contains web page code (HTML or script). Open it in an "
        "image editor, save it as a new file and upload that."
    ),
    "too_many_pixels": _(
        "The image “%(name)s” is %(width)s × %(height)s pixels (%(megapixels)s "
        "megapixels); at most %(limit)s megapixels are accepted. Scale it down and "
        "upload it again."
    ),
    "too_small": _(
        "The image “%(name)s” is %(width)s × %(height)s pixels; it must be at least "
        "%(limit)s pixels wide and high. Upload a larger version."
    ),
    "too_wide": _(
        "The image “%(name)s” is %(width)s × %(height)s pixels; no side may be longer "
        "than %(limit)s pixels. Scale it down and upload it again."
    ),
    "damaged": _(
        "The image “%(name)s” is damaged and cannot be read. Open it in an image "
        "editor, save it again and upload the new file."
    ),
    "document_type": _(
        "The file “%(name)s” is of a type that is not accepted as an attachment. "
        "Accepted are PDF, Word (.docx), Excel (.xlsx) and PowerPoint (.pptx) files "
        "and PNG, JPEG or WebP images."
    ),
    "document_extension": _(
        "The file “%(name)s” is a %(format)s file, but its name ends in "
        "“%(extension)s”. Rename it to end in “%(expected)s” and upload it again."
    ),
    "zip": _(
        "ZIP archives are not accepted as attachments: the press kit is a ZIP "
        "already, and an archive's contents cannot be checked. Attach the files one "
        "by one."
    ),
    "macros": _(
        "The file “%(name)s” contains macros, which can run code on readers' "
        "computers. Save it without macros (as .docx, .xlsx or .pptx) and upload that."
    ),
    "damaged_document": _(
        "The file “%(name)s” is damaged or incomplete and cannot be opened. Save it "
        "again and upload the new file."
    ),
}


class CheckedImage(NamedTuple):
    format: str  # "PNG", "JPEG" or "WEBP"
    width: int
    height: int
    data: bytes


def refuse(code, name, **params):
    return ValidationError(MESSAGES[code], code=code, params={"name": name, **params})


def check_image(file, *, name=None, max_bytes=IMAGE_MAX_BYTES):
    """The accepted image in `file` as a `CheckedImage`; a `ValidationError` otherwise."""
    name = _display_name(file, name)
    _check_size(file, name, max_bytes, "image_too_large")
    data = _read(file)
    if _is_svg(name, data):
        raise refuse("svg", name)
    kind = containers.sniff(data[:32])
    if kind is None:
        raise refuse("not_image", name)
    if kind not in IMAGE_EXTENSIONS:
        raise refuse("image_format", name, format=FORMAT_NAMES[kind])
    _check_extension(name, kind, IMAGE_EXTENSIONS, "image_extension")
    try:
        shape = containers.outline(data, kind)
    except containers.Truncated:
        raise refuse("truncated", name) from None
    except containers.Malformed:
        raise refuse("damaged", name) from None
    _check_dimensions(name, shape.width, shape.height)
    if shape.end < len(data):
        raise refuse("trailing_data", name)
    if MARKUP.search(data):
        raise refuse("markup", name)
    _decode(data, kind, name, (shape.width, shape.height))
    return CheckedImage(kind, shape.width, shape.height, data)


def check_document(file, *, name=None):
    """Refuse `file` unless it is an accepted document type (images: `check_image`)."""
    name = _display_name(file, name)
    _check_size(file, name, DOCUMENT_MAX_BYTES, "document_too_large")
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    if _is_svg(name, head):
        raise refuse("svg", name)
    kind = containers.sniff(head[:32])
    if kind in IMAGE_EXTENSIONS:
        check_image(file, name=name, max_bytes=DOCUMENT_MAX_BYTES)
        return
    if kind == "PDF":
        _check_extension(name, kind, DOCUMENT_EXTENSIONS, "document_extension")
        _check_pdf_end(file, name)
        return
    if kind == "ZIP":
        office_kind = _office_kind(file, name)
        _check_extension(name, office_kind, DOCUMENT_EXTENSIONS, "document_extension")
        return
    raise refuse("document_type", name)


def validate_image_file(value):
    """Model validator for image fields: checks new uploads, not files already stored."""
    upload = _new_upload(value)
    if upload is not None:
        check_image(upload, name=value.name)


def validate_document_file(value):
    """Model validator for attachment and document fields."""
    upload = _new_upload(value)
    if upload is not None:
        check_document(upload, name=value.name)


def _new_upload(value):
    """The file to check, or None when it was checked already or is stored already."""
    if isinstance(value, FieldFile):
        # `_committed` is how Django itself tells a stored file from a new upload
        # (FileField.pre_save); stored files were checked when they came in.
        if value._committed:
            return None
        value = value.file
    if getattr(value, CHECKED_MARK, False):
        return None
    return value


# Set on an upload a form field has checked, so the model validator does not decode it again.
CHECKED_MARK = "_alliance_portal_checked"


def mark_checked(upload):
    setattr(upload, CHECKED_MARK, True)
    return upload


def _display_name(file, name):
    return PurePosixPath(name or getattr(file, "name", "") or "").name


def _check_size(file, name, limit, code):
    size = file.size
    if not size:
        raise refuse("empty", name)
    if size > limit:
        raise refuse(code, name, size=filesizeformat(size), limit=filesizeformat(limit))


def _read(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def _is_svg(name, data):
    if PurePosixPath(name).suffix.lower() in (".svg", ".svgz"):
        return True
    text = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") and b"<svg" in text.lower()


def _check_extension(name, kind, extensions, code):
    extension = PurePosixPath(name).suffix.lower()
    expected = extensions[kind]
    if extension not in expected:
        raise refuse(
            code,
            name,
            format=FORMAT_NAMES[kind],
            extension=extension or "–",
            expected=expected[0],
        )


def _check_dimensions(name, width, height):
    size = {"width": width, "height": height}
    if width * height > IMAGE_MAX_PIXELS:
        raise refuse(
            "too_many_pixels",
            name,
            **size,
            megapixels=round(width * height / 1_000_000),
            limit=IMAGE_MAX_PIXELS // 1_000_000,
        )
    if min(width, height) < IMAGE_MIN_SIDE:
        raise refuse("too_small", name, **size, limit=IMAGE_MIN_SIDE)
    if max(width, height) > IMAGE_MAX_SIDE:
        raise refuse("too_wide", name, **size, limit=IMAGE_MAX_SIDE)


def _decode(data, kind, name, size):
    """Pillow must verify the file and then decode every pixel of it."""
    try:
        # Only the accepted format's decoder: no other Pillow plugin reads the bytes.
        with Image.open(BytesIO(data), formats=[kind]) as image:
            image.verify()
        with Image.open(BytesIO(data), formats=[kind]) as image:
            if image.size != size:
                raise refuse("damaged", name)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        width, height = size
        raise refuse(
            "too_many_pixels",
            name,
            width=width,
            height=height,
            megapixels=round(width * height / 1_000_000),
            limit=IMAGE_MAX_PIXELS // 1_000_000,
        ) from None
    except Exception:  # Pillow raises many kinds (OSError, SyntaxError, zlib.error, …).
        raise refuse("damaged", name) from None


def _check_pdf_end(file, name):
    file.seek(max(0, file.size - 2048))
    tail = file.read()
    file.seek(0)
    if b"%%EOF" not in tail:
        raise refuse("damaged_document", name)


def _office_kind(file, name):
    """DOCX, XLSX or PPTX for an Office package; refuses other ZIPs and macros."""
    try:
        with zipfile.ZipFile(file) as package:
            parts = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        raise refuse("damaged_document", name) from None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in parts:
        raise refuse("zip", name)
    if any(part.lower().endswith("vbaproject.bin") for part in parts):
        raise refuse("macros", name)
    for main_part, (kind, _extension) in OFFICE_MAIN_PARTS.items():
        if main_part in parts:
            return kind
    raise refuse("document_type", name)
