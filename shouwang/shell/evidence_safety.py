"""Checks an uploaded photo or scanned document before anything stores or decodes it.

What a file is comes from its bytes, never its name: a JPEG, a PNG or a PDF, within a size cap.
A photo's declared width and height are read from its header (PNG IHDR, JPEG SOF marker)
without decoding a pixel, so a 1 KB file claiming 60,000 × 60,000 pixels is refused before any
viewer tries to allocate them. A PDF is never shown inline (served as a download), so only
its signature and size are checked here.
"""

import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"
# Start-of-frame markers carry the dimensions; C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers without a length field.
STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


@dataclass(frozen=True)
class EvidenceLimits:
    max_bytes: int = 15 * 2**20
    max_side: int = 20_000
    max_pixels: int = 100_000_000


@dataclass(frozen=True)
class CheckedFile:
    kind: str  # "jpeg", "png" or "pdf"
    width: int = 0
    height: int = 0

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def evidence_limits() -> EvidenceLimits:
    return EvidenceLimits(**getattr(settings, "SHOUWANG_EVIDENCE_LIMITS", {}))


def refuse(message: str, field: str = "files") -> ValidationError:
    return ValidationError({field: message})


def check_evidence(
    content: bytes, filename: str, *, field: str = "files", limits: EvidenceLimits | None = None
) -> CheckedFile:
    """The checked kind and size of an upload, or a Chinese refusal naming the file."""
    limits = limits or evidence_limits()
    name = filename or _("（无文件名）")
    if not content:
        raise refuse(_("“%(name)s”是空文件") % {"name": name}, field)
    if len(content) > limits.max_bytes:
        raise refuse(
            _("“%(name)s”过大（上限%(mb)sMB）") % {"name": name, "mb": limits.max_bytes // 2**20},
            field,
        )
    if content.startswith(PDF_MAGIC):
        return CheckedFile("pdf")
    if content.startswith(PNG_MAGIC):
        width, height = _png_size(content)
        kind = "png"
    elif content.startswith(JPEG_MAGIC):
        width, height = _jpeg_size(content)
        kind = "jpeg"
    else:
        raise refuse(
            _("“%(name)s”不是 JPEG、PNG 照片或 PDF 文件（可能只是改了扩展名）") % {"name": name},
            field,
        )
    if not width or not height:
        raise refuse(_("“%(name)s”已损坏，无法读取图片尺寸") % {"name": name}, field)
    if max(width, height) > limits.max_side or width * height > limits.max_pixels:
        raise refuse(
            _("“%(name)s”尺寸异常（%(w)s×%(h)s 像素），拒绝保存")
            % {"name": name, "w": width, "h": height},
            field,
        )
    return CheckedFile(kind, width, height)


def _png_size(content: bytes) -> tuple[int, int]:
    # The first chunk is IHDR: length (4), type (4), width (4), height (4).
    if len(content) < 24 or content[12:16] != b"IHDR":
        return 0, 0
    return struct.unpack(">II", content[16:24])


def _jpeg_size(content: bytes) -> tuple[int, int]:
    """The size in the first start-of-frame segment, walking the markers (lengths only)."""
    position = 2
    end = len(content)
    while position + 4 <= end:
        if content[position] != 0xFF:
            return 0, 0
        marker = content[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in STANDALONE:
            position += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no frame header before it
            return 0, 0
        (length,) = struct.unpack(">H", content[position + 2 : position + 4])
        if length < 2:
            return 0, 0
        if marker in SOF_MARKERS:
            if position + 9 > end:
                return 0, 0
            height, width = struct.unpack(">HH", content[position + 5 : position + 9])
            return width, height
        position += 2 + length
    return 0, 0
