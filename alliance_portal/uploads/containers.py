"""The outline of a PNG, JPEG or WebP file, read from its bytes without decoding pixels.

Read before Pillow decodes anything: the size in the header refuses a
decompression bomb before a single pixel is unpacked, and where the image ends
shows whether the file was cut short or carries something appended to it (a
ZIP, a script) behind a valid image: a polyglot file.
"""

from typing import NamedTuple

# Magic numbers of the formats people try to upload, to name what a file really is.
_SIGNATURES = [
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x00\x00\x01\x00", "ICO"),
    (b"BM", "BMP"),
]
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"}

# JPEG start-of-frame markers carry the image's size (all SOFn but DHT, JPG and DAC).
_JPEG_FRAME_MARKERS = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class Outline(NamedTuple):
    format: str
    width: int
    height: int
    end: int  # offset just past the image's last byte


class Truncated(Exception):
    """The file ends before the image does."""


class Malformed(Exception):
    """The bytes do not have the structure their format requires."""


def sniff(head):
    """The format the first bytes of a file announce ("PNG", "GIF", "PDF", …), or None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "AVIF"
        if brand in _HEIF_BRANDS:
            return "HEIC"
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    return None


def outline(data, image_format):
    """The `Outline` of `data`, an image in `image_format` ("PNG", "JPEG" or "WEBP")."""
    reader = {"PNG": _png, "JPEG": _jpeg, "WEBP": _webp}[image_format]
    try:
        return reader(data)
    except IndexError:
        raise Truncated from None


def webp_is_lossless(data):
    """True when a WebP file's image data is lossless (VP8L), which re-encoding keeps."""
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        if kind in (b"VP8L", b"VP8 "):
            return kind == b"VP8L"
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + size + (size & 1)
    return False


def _png(data):
    size = len(data)
    position, width, height = 8, None, None
    while True:
        if position + 12 > size:
            raise Truncated
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        chunk_end = position + 12 + length
        if chunk_end > size:
            raise Truncated
        if width is None:
            if kind != b"IHDR" or length < 8:
                raise Malformed
            width = int.from_bytes(data[position + 8 : position + 12], "big")
            height = int.from_bytes(data[position + 12 : position + 16], "big")
        position = chunk_end
        if kind == b"IEND":
            return Outline("PNG", width, height, position)


def _jpeg(data):
    width, height, end = _jpeg_stream(data, 0)
    # Phone cameras write multi-picture files (MPO): further JPEG streams follow
    # the first one. Some pad the file with zero bytes, which can carry nothing.
    while data.startswith(b"\xff\xd8\xff", end):
        end = _jpeg_stream(data, end)[2]
    if not data[end:].strip(b"\x00"):
        end = len(data)
    return Outline("JPEG", width, height, end)


def _jpeg_stream(data, start):
    """Walk one JPEG stream's marker segments from SOI to EOI: (width, height, end)."""
    size = len(data)
    position, width, height = start + 2, None, None
    while True:
        if position + 2 > size:
            raise Truncated
        if data[position] != 0xFF:
            raise Malformed
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == 0xD9:  # end of image
            if width is None:
                raise Malformed
            return width, height, position + 2
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a segment
            position += 2
            continue
        if position + 4 > size:
            raise Truncated
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if length < 2:
            raise Malformed
        segment_end = position + 2 + length
        if segment_end > size:
            raise Truncated
        if marker in _JPEG_FRAME_MARKERS and width is None:
            height = int.from_bytes(data[position + 5 : position + 7], "big")
            width = int.from_bytes(data[position + 7 : position + 9], "big")
        position = segment_end
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            position = _end_of_scan(data, position)


def _end_of_scan(data, position):
    """The offset of the next marker after entropy-coded data (FF00 and restarts are data)."""
    size = len(data)
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= size:
            raise Truncated
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:
            position += 1
        else:
            return position


def _webp(data):
    if len(data) < 30:
        raise Truncated
    end = 8 + int.from_bytes(data[4:8], "little")
    kind = data[12:16]
    if kind == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
    elif kind == b"VP8L":
        if data[20] != 0x2F:
            raise Malformed
        bits = int.from_bytes(data[21:25], "little")
        width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    elif kind == b"VP8 ":
        if data[23:26] != b"\x9d\x01\x2a":
            raise Malformed
        width = int.from_bytes(data[26:28], "little") & 0x3FFF
        height = int.from_bytes(data[28:30], "little") & 0x3FFF
    else:
        raise Malformed
    if end > len(data):
        raise Truncated
    return Outline("WEBP", width, height, end)
