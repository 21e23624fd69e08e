"""Image files for upload tests: real small images, hostile ones, and giants made cheaply."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
<script>alert(1)</script><rect width="10" height="10"/></svg>"""


def image_bytes(width=800, height=1200, image_format="PNG", **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 90)).save(buffer, image_format, **save_options)
    return buffer.getvalue()


def exif() -> bytes:
    tags = Image.Exif()
    tags[0x010F] = "SpyCam Industries"  # Make
    tags[0x0131] = "secret-editor-laptop"  # Software
    return tags.tobytes()


def jpeg_with_metadata() -> bytes:
    return image_bytes(400, 300, "JPEG", exif=exif(), comment=b"Shot at the editor's home")


def png_with_metadata() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "secret-editor-laptop")
    return image_bytes(400, 300, "PNG", exif=exif(), pnginfo=text)


def bilevel_png(width: int, height: int) -> bytes:
    """A valid 1-bit black PNG of any size, built row by row so memory stays small.

    Pillow would hold one byte per pixel while building it; zeros compress about
    a thousand to one, so even 20000×20000 is a file of some 50 KB.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def upload(name: str, data: bytes, content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
