"""The intake area's records for the role × route table (api/tests/route_world.py)."""

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from shouwang.intake.models import Channel, PhotoStatus, ReportPhoto
from shouwang.intake.services import report_submit

from .factories import TIP

# One small JPEG kept under a fixed name: every world's photo is this file, written once.
WORLD_PHOTO = "intake/photos/route-world.jpg"
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c"
    "1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0"
    "000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bff"
    "c400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a10823"
    "42b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a5354555657"
    "58595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aa"
    "b2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8"
    "f9faffda0008010100003f00fbd3ffd9"
)


def intake_objects(place: str, unit) -> dict[str, Any]:
    """A tip handled by `unit`, with a verified photo."""
    octet = {"own": 1, "sibling": 2, "parent": 3}[place]
    report = report_submit(
        channel=Channel.PUBLIC_API,
        client_address=f"192.0.2.{octet}",
        data={**TIP, "unit": unit.pk, "text": f"{place}线索"},
    )
    if not default_storage.exists(WORLD_PHOTO):
        default_storage.save(WORLD_PHOTO, ContentFile(JPEG))
    ReportPhoto.objects.create(
        report=report,
        file=WORLD_PHOTO,
        content_type="image/jpeg",
        size=len(JPEG),
        sha256="0" * 64,
        status=PhotoStatus.VERIFIED,
    )
    return {"intake_report": report}
