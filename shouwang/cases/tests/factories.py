"""Cases and files for tests: real services, tiny valid photos made without an image library."""

import struct
import zlib
from datetime import datetime

from django.utils import timezone

from shouwang.cases.models import CaseKind
from shouwang.cases.services import Party, Upload, case_open


def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG of `width` × `height` grey pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes(width: int = 4, height: int = 3) -> bytes:
    """The markers of a baseline JPEG up to its frame header (what the checks read)."""
    frame = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", len(app0) + 2)
        + app0
        + b"\xff\xc0"
        + struct.pack(">H", len(frame) + 2)
        + frame
        + b"\xff\xd9"
    )


def photo(name: str = "现场.png", **size) -> Upload:
    return Upload(name, png_bytes(**size))


def open_case(
    actor,
    unit=None,
    *,
    kind: str = CaseKind.GAMBLING_GATHERING,
    facts: str = "夜间在棋牌室聚众打麻将",
    occurred_at: datetime | None = None,
    parties=(),
    **kwargs,
):
    return case_open(
        actor=actor,
        unit=unit or actor.unit,
        kind=kind,
        facts=facts,
        occurred_at=occurred_at or timezone.now(),
        parties=parties,
        **kwargs,
    )


__all__ = ["Party", "jpeg_bytes", "open_case", "photo", "png_bytes"]
