"""Uploads through the admin: bad files are refused with their reason and leave nothing behind.

Every file is posted as a browser posts it (multipart, through the organisation's
or the alliance's admin page, by a logged-in superuser). Refused files must
leave no trace: nothing under MEDIA_ROOT, nothing in the upload temp folder.
Accepted ones are stored as a clean copy without metadata.
"""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image

from alliance_portal.models import Alliance
from members.models import Organisation
from news.models import Article
from tests.admin_forms import admin_form, change_url
from tests.factories import make_alliance, make_organisation
from tests.upload_files import (
    MB,
    SVG_WITH_SCRIPT,
    decompression_bomb,
    image_bytes,
    jpeg_with_script_comment,
    png_with_zip_appended,
    two_colour_photo_with_gps,
)

pytestmark = pytest.mark.django_db


class RecordingTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's handler for uploads over 2 MB, noting where it wrote each one."""

    paths = []

    def file_complete(self, file_size):
        upload = super().file_complete(file_size)
        self.paths.append(Path(upload.temporary_file_path()))
        return upload


@pytest.fixture
def upload_temp_dir(settings, tmp_path):
    """Uploads over 2 MB are streamed to a temp file: here, where the test can look."""
    folder = tmp_path / "upload-temp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    settings.FILE_UPLOAD_HANDLERS = [
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        f"{__name__}.RecordingTemporaryFileUploadHandler",
    ]
    RecordingTemporaryFileUploadHandler.paths = []
    return folder


@pytest.fixture
def english_admin(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*") if p.is_file())


def post_logo(client, organisation, name, data, content_type="image/png"):
    url = change_url(organisation)
    fields = admin_form(client, url)
    fields["logo_alt_de"] = "Logo der Organisation"
    fields["logo"] = SimpleUploadedFile(name, data, content_type)
    return client.post(url, fields)


# name, bytes (made lazily: the bomb and the 30 MB file take a moment), the
# refusal's code, and words of the message the staff member reads.
CORPUS = {
    "non-image named .png": (
        "logo.png",
        lambda: b"Dies ist ein Brief, kein Bild.\n" * 40,
        "not_image",
        "is not an image, whatever its name says",
    ),
    "truncated PNG": (
        "logo.png",
        lambda: (lambda data: data[: len(data) // 2])(image_bytes()),
        "truncated",
        "is incomplete: the file ends before the image does",
    ),
    "20000×20000 decompression bomb": (
        "logo.png",
        decompression_bomb,
        "too_many_pixels",
        "is 20000 × 20000 pixels (400 megapixels); at most 40 megapixels",
    ),
    "30 MB file": (
        "poster.png",
        lambda: image_bytes()[:64] + bytes(30 * MB),
        "image_too_large",
        "is 30.0\xa0MB; images may be at most 10.0\xa0MB",
    ),
    "SVG with script": (
        "logo.svg",
        lambda: SVG_WITH_SCRIPT,
        "svg",
        "is an SVG image. SVG is not accepted, because it can contain scripts",
    ),
    "polyglot: PNG with a ZIP appended": (
        "logo.png",
        png_with_zip_appended,
        "trailing_data",
        "has other data attached after its end",
    ),
    "polyglot: JPEG that is also an HTML page": (
        "logo.jpg",
        jpeg_with_script_comment,
        "markup",
        "contains web page code (HTML or script)",
    ),
    "GIF": ("logo.gif", lambda: image_bytes(format="GIF"), "image_format", "is a GIF image"),
    "JPEG named .png": (
        "logo.png",
        lambda: image_bytes(format="JPEG"),
        "image_extension",
        "contains a JPEG image, but its name ends in “.png”. Rename it to end in “.jpg”",
    ),
    "too small": (
        "logo.png",
        lambda: image_bytes(size=(12, 12)),
        "too_small",
        "is 12 × 12 pixels; it must be at least 16 pixels",
    ),
}


@pytest.mark.parametrize("case", CORPUS)
def test_bad_upload_is_refused_with_its_reason_and_leaves_no_file(
    english_admin, media_root, upload_temp_dir, case
):
    name, make_bytes, code, message = CORPUS[case]
    organisation = make_organisation(name_de="Aluminium Deutschland e. V.")
    before = files_under(media_root)

    response = post_logo(english_admin, organisation, name, make_bytes())

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [error.code for error in errors["logo"]] == [code]
    html = response.content.decode()
    assert message in html
    assert name in html  # the message names the file
    organisation.refresh_from_db()
    assert not organisation.logo
    assert files_under(media_root) == before == []
    assert files_under(upload_temp_dir) == []
    if case == "30 MB file":  # it really went through the temp folder, and is gone
        [path] = RecordingTemporaryFileUploadHandler.paths
        assert path.parent == upload_temp_dir and not path.exists()


def test_photo_with_gps_is_stored_upright_without_any_metadata(english_admin, media_root):
    organisation = make_organisation()
    original = two_colour_photo_with_gps()
    with Image.open(io.BytesIO(original)) as uploaded:  # the test file carries it all
        assert uploaded.getexif().get_ifd(0x8825)
        assert "Kaiserswerther" in uploaded.info["Comment"]

    response = post_logo(english_admin, organisation, "photo.png", original)

    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation.refresh_from_db()
    stored = Path(organisation.logo.path).read_bytes()
    for secret in (b"Exif", b"eXIf", b"SecretPhone", b"Kaiserswerther", b"xmpmeta", b"iCCP"):
        assert secret not in stored, secret
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert image.info.keys() <= {"dpi"} and not getattr(image, "text", {})
        # The orientation was applied: 200 wide, 300 high, red on top, blue below.
        assert image.size == (200, 300)
        assert (organisation.logo_width, organisation.logo_height) == (200, 300)
        rgb = image.convert("RGB")
        assert rgb.getpixel((100, 20)) == (200, 0, 0)
        assert rgb.getpixel((100, 280)) == (0, 0, 200)


def test_alliance_hero_image_is_checked_in_the_alliance_admin(english_admin, media_root):
    alliance = make_alliance()
    url = change_url(alliance)
    fields = admin_form(english_admin, url)
    fields["hero_image_alt_de"] = "Walzwerk"
    fields["hero_image"] = SimpleUploadedFile("hero.png", decompression_bomb(), "image/png")
    response = english_admin.post(url, fields)
    assert response.status_code == 200
    assert "at most 40 megapixels" in response.content.decode()
    assert files_under(media_root) == []

    fields["hero_image"] = SimpleUploadedFile(
        "hero.jpg", image_bytes((1600, 900), "JPEG"), "image/jpeg"
    )
    assert english_admin.post(url, fields).status_code == 302
    alliance.refresh_from_db()
    assert (alliance.hero_image_width, alliance.hero_image_height) == (1600, 900)


def test_the_admin_file_input_asks_browsers_for_accepted_types_only(admin_client):
    html = admin_client.get(reverse("admin:members_organisation_add")).content.decode()
    assert 'accept="image/png,image/jpeg,image/webp"' in html


def test_any_model_form_refuses_bad_images():
    form_class = modelform_factory(Article, fields=["image"])
    form = form_class(
        data={}, files={"image": SimpleUploadedFile("bild.png", SVG_WITH_SCRIPT, "image/png")}
    )
    assert not form.is_valid()
    assert [e.code for e in form.errors.as_data()["image"]] == ["svg"]


def test_full_clean_refuses_bad_images_given_in_code():
    organisation = Organisation(name_de="Test", kind="company", logo_alt_de="Logo")
    organisation.logo = SimpleUploadedFile("logo.png", png_with_zip_appended(), "image/png")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert [e.code for e in error.value.error_dict["logo"]] == ["trailing_data"]


def test_saving_a_non_image_from_code_is_refused_and_stores_nothing(media_root):
    alliance = make_alliance()
    with pytest.raises(ValidationError):
        alliance.logo.save("logo.png", SimpleUploadedFile("logo.png", b"not an image"))
    assert files_under(media_root) == []
    assert not Alliance.objects.get(pk=alliance.pk).logo
