"""Renditions: WebP and a fallback at three widths, made once on upload, reused by every page."""

import io
import re
from pathlib import Path

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from alliance_portal.models import Alliance
from alliance_portal.uploads.renditions import renditions_for
from members.models import Organisation
from tests.admin_forms import admin_form, change_url
from tests.factories import make_organisation
from tests.upload_files import image_bytes

pytestmark = pytest.mark.django_db


def upload_logo(client, organisation, name, data):
    url = change_url(organisation)
    fields = admin_form(client, url)
    fields["logo_alt_de"] = "Logo"
    fields["logo"] = SimpleUploadedFile(name, data)
    response = client.post(url, fields)
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation.refresh_from_db()
    return organisation.logo


def rendition_files(media_root):
    folder = Path(media_root) / "renditions"
    return {str(p.relative_to(folder)): p for p in folder.rglob("*") if p.is_file()}


def opened(path):
    with Image.open(path) as image:
        return image.format, image.size, image.mode


def test_photo_gets_webp_and_jpeg_at_three_widths(admin_client, media_root):
    logo = upload_logo(
        admin_client, make_organisation(), "foto.jpg", image_bytes((1600, 1000), "JPEG")
    )
    folder = f"organisations/logos/{Path(logo.name).name}"
    assert {name: opened(path) for name, path in rendition_files(media_root).items()} == {
        f"{folder}/320w.webp": ("WEBP", (320, 200), "RGB"),
        f"{folder}/640w.webp": ("WEBP", (640, 400), "RGB"),
        f"{folder}/1280w.webp": ("WEBP", (1280, 800), "RGB"),
        f"{folder}/320w.jpg": ("JPEG", (320, 200), "RGB"),
        f"{folder}/640w.jpg": ("JPEG", (640, 400), "RGB"),
        f"{folder}/1280w.jpg": ("JPEG", (1280, 800), "RGB"),
    }


def test_transparent_logo_falls_back_to_png_and_keeps_its_transparency(admin_client, media_root):
    logo = upload_logo(
        admin_client, make_organisation(), "logo.png", image_bytes((700, 350), "PNG", "RGBA")
    )
    folder = f"organisations/logos/{Path(logo.name).name}"
    # 700 pixels wide: 320, 640, and its own 700 instead of an upscaled 1280.
    assert {name: opened(path) for name, path in rendition_files(media_root).items()} == {
        f"{folder}/320w.webp": ("WEBP", (320, 160), "RGBA"),
        f"{folder}/640w.webp": ("WEBP", (640, 320), "RGBA"),
        f"{folder}/700w.webp": ("WEBP", (700, 350), "RGBA"),
        f"{folder}/320w.png": ("PNG", (320, 160), "RGBA"),
        f"{folder}/640w.png": ("PNG", (640, 320), "RGBA"),
        f"{folder}/700w.png": ("PNG", (700, 350), "RGBA"),
    }


def test_transparent_webp_is_stored_as_png_with_png_fallbacks(admin_client, media_root):
    data = image_bytes((500, 500), "WEBP", "RGBA")
    logo = upload_logo(admin_client, make_organisation(), "logo.webp", data)
    assert logo.name.endswith(".png")
    assert opened(logo.path)[0] == "PNG"
    assert sorted(rendition_files(media_root)) == [
        f"organisations/logos/{Path(logo.name).name}/{name}"
        for name in ("320w.png", "320w.webp", "500w.png", "500w.webp")
    ]


def test_small_logo_is_never_upscaled(admin_client, media_root):
    logo = upload_logo(admin_client, make_organisation(), "klein.png", image_bytes((200, 100)))
    assert sorted(rendition_files(media_root)) == [
        f"organisations/logos/{Path(logo.name).name}/200w.png",
        f"organisations/logos/{Path(logo.name).name}/200w.webp",
    ]


def test_pages_show_a_picture_with_srcset_sizes_and_lazy_loading(admin_client, client, media_root):
    organisation = make_organisation(name_de="Otto Fuchs KG")
    logo = upload_logo(admin_client, organisation, "otto.jpg", image_bytes((1600, 1000), "JPEG"))
    base = f"/media/renditions/{logo.name}"

    detail = client.get(organisation.get_absolute_url()).content.decode()
    assert (
        f'<picture><source type="image/webp" srcset="{base}/320w.webp 320w, '
        f'{base}/640w.webp 640w, {base}/1280w.webp 1280w" sizes="120px">'
        f'<img src="{base}/640w.jpg" srcset="{base}/320w.jpg 320w, {base}/640w.jpg 640w, '
        f'{base}/1280w.jpg 1280w" sizes="120px" width="120" height="75" alt="Logo" '
        'decoding="async"></picture>'
    ) in detail

    listing = client.get("/de/organisations/").content.decode()
    [img] = re.findall(r"<img [^>]*otto[^>]*>", listing)
    assert 'width="40" height="25" alt="" loading="lazy" decoding="async"' in img


def test_renditions_are_made_once_and_reused(admin_client, client, media_root):
    organisation = make_organisation()
    upload_logo(admin_client, organisation, "logo.jpg", image_bytes((1600, 1000), "JPEG"))
    made = {name: path.stat().st_mtime_ns for name, path in rendition_files(media_root).items()}
    assert len(made) == 6

    for _ in range(2):
        assert client.get(organisation.get_absolute_url()).status_code == 200
        assert client.get("/de/organisations/").status_code == 200
    # Saved again in the admin with a changed text but the same image.
    url = change_url(organisation)
    fields = admin_form(admin_client, url)
    fields["description_de"] = "Neu beschrieben."
    assert admin_client.post(url, fields).status_code == 302
    organisation.refresh_from_db()
    organisation.save()

    assert {
        name: path.stat().st_mtime_ns for name, path in rendition_files(media_root).items()
    } == made


def test_rendering_never_asks_the_storage(admin_client, client, media_root):
    """A page names the renditions from the row alone: deleted files are not even noticed."""
    organisation = make_organisation()
    logo = upload_logo(admin_client, organisation, "logo.jpg", image_bytes((800, 500), "JPEG"))
    for path in rendition_files(media_root).values():
        path.unlink()
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert f"/media/renditions/{logo.name}/640w.webp 640w" in html
    assert rendition_files(media_root) == {}


def test_more_images_on_a_page_cost_no_queries(client, media_root):
    def logo_page():
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/de/organisations/").content.decode()
        return html.count("<picture>"), len(queries)

    for _ in range(2):
        make_organisation(logo=ContentFile(image_bytes((64, 64)), "logo.png"), logo_alt_de="Logo")
    pictures, queries = logo_page()
    for _ in range(10):
        make_organisation(logo=ContentFile(image_bytes((64, 64)), "logo.png"), logo_alt_de="Logo")
    assert logo_page() == (pictures + 10, queries)


def test_replaced_and_deleted_images_lose_their_renditions(
    admin_client, media_root, django_capture_on_commit_callbacks
):
    organisation = make_organisation()
    with django_capture_on_commit_callbacks(execute=True):
        first = upload_logo(admin_client, organisation, "alt.png", image_bytes((400, 300)))
        second = upload_logo(admin_client, organisation, "neu.png", image_bytes((400, 300)))
    folders = {name.rsplit("/", 1)[0] for name in rendition_files(media_root)}
    assert folders == {second.name}
    # The replaced image itself stays: the change history may bring it back.
    assert Path(first.path).exists()

    with django_capture_on_commit_callbacks(execute=True):
        url = reverse("admin:members_organisation_delete", args=[organisation.pk])
        assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert rendition_files(media_root) == {}


def test_a_restored_row_gets_its_renditions_back(admin_client, media_root):
    """Rows put back from history or a backup are saved raw; their renditions return."""
    organisation = make_organisation()
    upload_logo(admin_client, organisation, "logo.png", image_bytes((700, 400)))
    before = sorted(rendition_files(media_root))
    backup = serializers.serialize("json", [Organisation.objects.get(pk=organisation.pk)])
    for path in rendition_files(media_root).values():
        path.unlink()

    for restored in serializers.deserialize("json", backup):
        restored.save()

    assert sorted(rendition_files(media_root)) == before


def test_refresh_images_makes_what_older_images_lack(admin_client, media_root):
    organisation = make_organisation()
    upload_logo(admin_client, organisation, "logo.png", image_bytes((700, 400)))
    before = sorted(rendition_files(media_root))
    Organisation.objects.filter(pk=organisation.pk).update(logo_width=None, logo_height=None)
    for path in rendition_files(media_root).values():
        path.unlink()

    output = io.StringIO()
    call_command("refresh_images", stdout=output)
    assert "1 images refreshed" in output.getvalue()
    assert sorted(rendition_files(media_root)) == before
    assert Organisation.objects.values_list("logo_width", "logo_height").get() == (700, 400)

    call_command("refresh_images", stdout=output)
    assert "0 images refreshed" in output.getvalue()


def test_demo_content_comes_with_every_rendition(demo_content, media_root):
    images = [a.logo for a in Alliance.objects.all()] + [o.logo for o in Organisation.objects.all()]
    assert len(images) == 18
    for image in images:
        expected = renditions_for(image.name, image.instance.logo_width)
        assert [r.name.rsplit("/", 1)[-1] for r in expected] == ["240w.webp", "240w.png"]
        for rendition in expected:
            assert (Path(media_root) / rendition.name).is_file(), rendition.name
