"""A clean copy of an accepted image: upright, in sRGB, without any metadata.

Uploaded photos carry EXIF (camera, time, often GPS), XMP, ICC profiles and
comments. What we store is a re-encoded copy with none of them: the EXIF
orientation is applied to the pixels first, colours are converted to sRGB
before the ICC profile is dropped, and only the pixels (and PNG transparency)
are written. Re-encoding also drops anything a file might hide between its
segments.
"""

from io import BytesIO
from typing import NamedTuple

from PIL import ExifTags, Image, ImageCms, ImageOps

from . import containers

# Formats we store, and the file name ending each gets.
EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}
_SRGB = ImageCms.createProfile("sRGB")


class CleanImage(NamedTuple):
    data: bytes  # the file to store
    format: str  # "PNG", "JPEG" or "WEBP"
    image: Image.Image  # its pixels, upright and sRGB, for the renditions

    @property
    def size(self):
        return self.image.size


def clean_image(checked):
    """Re-encode a `checks.CheckedImage` without metadata (see the module's docstring).

    Transparent images are stored as PNG (a transparent WebP becomes a PNG, so that
    the stored file's name tells the renditions which fallback they need); other
    images keep their format.
    """
    with Image.open(BytesIO(checked.data), formats=[checked.format]) as source:
        source.load()
        pixels, untouched = _upright_srgb(source)
        transparent = has_transparency(pixels)
        stored_format = "PNG" if transparent else checked.format
        options = _encoder_options(checked, stored_format, pixels, untouched)
        if stored_format == "JPEG" and pixels.mode not in ("L", "RGB"):
            pixels = pixels.convert("RGB")
        # Keep nothing from the source's metadata but PNG transparency.
        kept = (
            {"transparency": pixels.info["transparency"]} if "transparency" in pixels.info else {}
        )
        pixels.info = dict(kept) if stored_format == "PNG" else {}
        buffer = BytesIO()
        pixels.save(buffer, stored_format, **options)
        return CleanImage(buffer.getvalue(), stored_format, _for_renditions(pixels, transparent))


def has_transparency(image):
    """True when some pixel of `image` is not fully opaque."""
    if image.mode == "P":
        if "transparency" not in image.info:
            return False
        image = image.convert("RGBA")
    elif image.mode in ("L", "RGB", "I;16") and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        return image.getchannel("A").getextrema()[0] < 255
    return False


def _upright_srgb(source):
    """The pixels turned by the EXIF orientation and converted to sRGB; and whether untouched."""
    pixels, untouched = source, True
    if source.getexif().get(ExifTags.Base.Orientation, 1) in range(2, 9):
        pixels, untouched = ImageOps.exif_transpose(source), False
    icc = source.info.get("icc_profile")
    if icc:
        converted = _to_srgb(pixels, icc)
        if converted is not None:
            pixels, untouched = converted, False
    if pixels.mode == "CMYK":  # JPEG from print work without a profile
        pixels, untouched = pixels.convert("RGB"), False
    return pixels, untouched


def _to_srgb(image, icc):
    """`image` in sRGB by its embedded profile; None when the profile cannot be used."""
    if image.mode not in ("RGB", "RGBA", "CMYK", "P", "PA"):
        return None  # greyscale and high-bit images keep their values; the profile goes
    try:
        profile = ImageCms.ImageCmsProfile(BytesIO(icc))
        if image.mode in ("P", "PA"):
            image = image.convert("RGBA")
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, profile, _SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None  # an unreadable profile: drop it and keep the pixels as they are


def _encoder_options(checked, stored_format, pixels, untouched):
    if stored_format == "PNG":
        return {"optimize": True}
    if stored_format == "JPEG":
        # Untouched JPEGs keep their quantisation tables: no visible generation loss.
        if untouched and getattr(pixels, "format", None) == "JPEG":
            return {"quality": "keep", "optimize": True}
        return {"quality": 90, "optimize": True}
    if containers.webp_is_lossless(checked.data):
        return {"lossless": True}
    return {"quality": 90}


def _for_renditions(pixels, transparent):
    mode = "RGBA" if transparent else "RGB"
    return pixels if pixels.mode == mode else pixels.convert(mode)
