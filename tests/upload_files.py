"""Files for upload tests, made the way the real ones are: real PNG, JPEG, PDF and ZIP bytes."""

import io
import struct
import zipfile
import zlib

from PIL import ExifTags, Image, PngImagePlugin
from reportlab.pdfgen import canvas

MB = 1024 * 1024


def image_bytes(size=(400, 300), format="PNG", mode="RGB", colour=(11, 92, 173), **options):
    """An image with some structure (a gradient), so it compresses like a real one."""
    image = Image.new(mode, size, colour if mode != "RGBA" else (*colour, 255))
    gradient = Image.linear_gradient("L").resize(size)
    if mode == "RGBA":
        image.putalpha(gradient)  # transparent at the top, opaque at the bottom
    else:
        image = Image.composite(image, Image.new(mode, size, "white"), gradient)
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def two_colour_photo_with_gps():
    """A 300×200 PNG, red left and blue right, whose EXIF says "turn me 90° clockwise".

    It carries GPS coordinates, a camera, a comment and XMP: what a phone leaves
    in a photo, and what must not reach the public.
    """
    image = Image.new("RGB", (300, 200), (200, 0, 0))
    image.paste((0, 0, 200), (150, 0, 300, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "SecretPhone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 13.0, 37.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (6.0, 46.0, 12.0)
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "Taken at Kaiserswerther Str. 199")
    text.add_text(
        "XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/">SecretPhone</x:xmpmeta>'
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", exif=exif, pnginfo=text)
    return buffer.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb(side=20000):
    """A valid PNG of side×side pixels that is a few dozen kilobytes on disk.

    One bit per pixel, all zero, compressed row by row: writing it costs a
    moment; decoding it would take 400 megapixels of memory.
    """
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (side + 7) // 8)  # filter byte + packed bits
    block = row * 500
    parts = [compressor.compress(block) for _ in range(side // 500)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", side, side, 1, 3, 0, 0, 0)  # 1 bit, palette
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"PLTE", b"\xff\xff\xff")
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def png_with_zip_appended():
    """A valid PNG that is also a ZIP archive (ZIP readers look at the end of a file)."""
    return image_bytes() + zip_bytes({"payload.html": "<script>alert(document.cookie)</script>"})


def jpeg_with_script_comment():
    """A valid JPEG whose comment segment is an HTML page with a script."""
    return image_bytes(
        format="JPEG", comment=b"<html><script>alert(document.cookie)</script></html>"
    )


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"'
    b' onload="alert(1)"><script>alert(document.cookie)</script>'
    b'<circle cx="50" cy="50" r="40"/></svg>\n'
)


def pdf_bytes(text="Unterzeichnung der Erklärung"):
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, text)
    document.save()
    return buffer.getvalue()


def docx_bytes(*, macros=False):
    """The parts that make a ZIP a Word document (and, with macros, a dangerous one)."""
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
        "word/document.xml": '<?xml version="1.0"?><w:document/>',
    }
    if macros:
        files["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0macro"
    return zip_bytes(files)
