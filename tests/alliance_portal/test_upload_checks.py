"""Real-world images the checks must accept, and what the clean copy makes of them."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image, ImageCms

from alliance_portal.uploads.checks import check_image
from alliance_portal.uploads.cleaning import clean_image
from tests.upload_files import image_bytes


def phone_photo_mpo():
    """Phones write JPEGs with a second picture behind the first (MPO)."""
    first = Image.new("RGB", (640, 480), (10, 120, 60))
    second = Image.new("RGB", (320, 240), (200, 200, 0))
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    return buffer.getvalue()


def photo_with_icc_profile():
    """A photo carrying an ICC colour profile, as cameras and phones write them."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return image_bytes((300, 200), "JPEG", icc_profile=profile)


ACCEPTED = {
    "lossy WebP": ("foto.webp", lambda: image_bytes((500, 300), "WEBP", quality=80), "WEBP"),
    "lossless WebP": (
        "grafik.webp",
        lambda: image_bytes((500, 300), "WEBP", lossless=True),
        "WEBP",
    ),
    "JPEG padded with zero bytes": (
        "foto.jpeg",
        lambda: image_bytes(format="JPEG") + bytes(64),
        "JPEG",
    ),
    "phone photo (MPO)": ("handy.jpg", phone_photo_mpo, "JPEG"),
    "CMYK JPEG from print": (
        "druck.jpg",
        lambda: image_bytes(format="JPEG", mode="CMYK", colour=(0, 80, 200, 0)),
        "JPEG",
    ),
    "JPEG with an ICC profile": ("profil.jpg", photo_with_icc_profile, "JPEG"),
    "palette PNG": ("logo.png", lambda: image_bytes(mode="P", colour=3), "PNG"),
    "greyscale PNG": ("grau.png", lambda: image_bytes(mode="L", colour=90), "PNG"),
}


@pytest.mark.parametrize("case", ACCEPTED)
def test_real_world_images_are_accepted_and_cleaned(case):
    name, make_bytes, stored_format = ACCEPTED[case]
    checked = check_image(ContentFile(make_bytes(), name=name))
    clean = clean_image(checked)
    assert clean.format == stored_format
    with Image.open(io.BytesIO(clean.data)) as image:
        image.load()
        assert image.format == stored_format
        assert image.size == (checked.width, checked.height)
        assert "icc_profile" not in image.info and "exif" not in image.info
    assert clean.image.mode == "RGB"
