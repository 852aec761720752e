"""Responsive renditions: each image in WebP and a fallback, at up to three widths.

Renditions are made once, when an image is saved, and stored next to nothing
else under `renditions/<the image's own path>/`: for `organisations/logos/ig.png`
they are `renditions/organisations/logos/ig.png/320w.webp`, `…/320w.png` and so
on. Their names follow from the image's name and its width alone, so a page
knows every rendition's URL without asking the database or the storage whether
it exists.

Widths are 320, 640 and 1280 pixels, never more than the image's own width (a
smaller image gets its own width instead of the larger ones). The fallback is
PNG when the stored image is a PNG (transparent images are always stored as PNG,
and PNG uploads are mostly logos and graphics whose edges JPEG would smear),
JPEG otherwise.
"""

import logging
import os
from io import BytesIO
from pathlib import PurePosixPath
from typing import NamedTuple

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from .cleaning import has_transparency

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 1280)
FORMATS = ["PNG", "JPEG", "WEBP"]  # what stored images are (see cleaning.py)
ROOT = "renditions"
ENCODER_OPTIONS = {
    "WEBP": {"quality": 80, "method": 4},
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
}
EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}


class Rendition(NamedTuple):
    name: str
    width: int
    format: str


class Picture(NamedTuple):
    """What a template needs to show an image: srcsets, a src, and its size."""

    webp_srcset: str
    fallback_srcset: str
    src: str
    width: int
    height: int


def widths_for(width):
    """The rendition widths for an image `width` pixels wide (never upscaled)."""
    return sorted({min(target, width) for target in WIDTHS})


def fallback_format(source_name):
    return "PNG" if PurePosixPath(source_name).suffix.lower() == ".png" else "JPEG"


def folder(source_name):
    return f"{ROOT}/{source_name}"


def renditions_for(source_name, width):
    """Every rendition an image named `source_name`, `width` pixels wide, has."""
    formats = ("WEBP", fallback_format(source_name))
    return [
        Rendition(f"{folder(source_name)}/{size}w.{EXTENSIONS[kind]}", size, kind)
        for size in widths_for(width)
        for kind in formats
    ]


def picture(field_file, width, height):
    """The `Picture` for a stored image of the given size: no storage or database access."""
    storage, name = field_file.storage, field_file.name
    by_format = {"WEBP": [], "FALLBACK": []}
    for rendition in renditions_for(name, width):
        entry = f"{storage.url(rendition.name)} {rendition.width}w"
        by_format["WEBP" if rendition.format == "WEBP" else "FALLBACK"].append(
            (rendition.width, entry, rendition.name)
        )
    fallbacks = by_format["FALLBACK"]
    # Browsers without srcset get the middle size: sharp enough, never huge.
    middle = next((f for f in fallbacks if f[0] >= WIDTHS[1]), fallbacks[-1])
    return Picture(
        webp_srcset=", ".join(entry for _, entry, _ in by_format["WEBP"]),
        fallback_srcset=", ".join(entry for _, entry, _ in fallbacks),
        src=storage.url(middle[2]),
        width=width,
        height=height,
    )


def write_renditions(storage, source_name, image):
    """Make every rendition of `image` (RGB or RGBA pixels) stored as `source_name`."""
    renditions = renditions_for(source_name, image.width)
    for rendition in renditions:
        # A name is only ever reused for the same source (see the module docstring):
        # replace what is there instead of letting the storage pick another name.
        if storage.exists(rendition.name):
            storage.delete(rendition.name)
        _store(storage, rendition, image)
    return [rendition.name for rendition in renditions]


def ensure_renditions(field_file, width=None):
    """Make the renditions of a stored image that are missing; returns how many were made.

    For images that did not come in as an upload: restored from history or a
    backup, or stored before renditions existed. With the image's `width` known,
    nothing is read when no rendition is missing.
    """
    storage, name = field_file.storage, field_file.name
    if width and all(storage.exists(r.name) for r in renditions_for(name, width)):
        return 0
    try:
        with storage.open(name, "rb") as stored, Image.open(stored, formats=FORMATS) as image:
            missing = [
                rendition
                for rendition in renditions_for(name, image.width)
                if not storage.exists(rendition.name)
            ]
            if not missing:
                return 0
            upright = ImageOps.exif_transpose(image)
            pixels = upright.convert("RGBA" if has_transparency(upright) else "RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        logger.warning("No renditions for %s: %s", name, error)
        return 0
    for rendition in missing:
        _store(storage, rendition, pixels)
    return len(missing)


def delete_renditions(storage, source_name):
    """Delete an image's renditions (the image itself is left alone)."""
    directory = folder(source_name)
    try:
        _folders, files = storage.listdir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return
    for file_name in files:
        storage.delete(f"{directory}/{file_name}")
    # Storages without folders (S3) have nothing left; on disk the folder goes too.
    try:
        os.rmdir(storage.path(directory))
    except (NotImplementedError, OSError):
        pass


def _store(storage, rendition, image):
    resized = _resized(image, rendition.width)
    if rendition.format == "JPEG" and resized.mode != "RGB":
        resized = resized.convert("RGB")
    buffer = BytesIO()
    resized.save(buffer, rendition.format, **ENCODER_OPTIONS[rendition.format])
    storage.save(rendition.name, ContentFile(buffer.getvalue()))


def _resized(image, width):
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
