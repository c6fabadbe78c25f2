"""Photos attached to reports: type and size checked before anything is stored; the image is
parsed only in the worker, which verifies it and re-encodes it without its metadata (a phone's
photo carries where it was taken and by which device)."""

import hashlib
import io
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shouwang.units.policy import require

from ..models import EventKind, PhotoStatus, Report, ReportEvent, ReportPhoto
from ..rules import INTAKE_HANDLE

# The largest picture the worker decodes: 40 megapixels (a phone's is 12 to 50).
MAX_PIXELS = 40_000_000
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}


def photo_kind(head: bytes) -> str | None:
    """The image format the first bytes announce (JPEG, PNG or WebP), else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def photo_check(upload: Any) -> str:
    """The format of an uploaded photo; ValidationError({"photo": …}) when it is too large or
    not a JPEG, PNG or WebP picture (judged by its bytes, not by its name or declared type)."""
    limit = settings.SHOUWANG_INTAKE_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {"photo": _("照片不能超过 %(mb)s MB") % {"mb": round(limit / 1024 / 1024, 1)}}
        )
    if upload.size == 0:
        raise ValidationError({"photo": _("照片是空文件")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = photo_kind(head)
    if kind is None:
        raise ValidationError({"photo": _("只能上传 JPG、PNG 或 WebP 格式的照片")})
    return kind


def photo_store(*, report: Report, upload: Any, kind: str) -> ReportPhoto:
    """Keep a checked upload under a random name; verification is enqueued after commit."""
    content_type, extension = FORMATS[kind]
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    photo = ReportPhoto(
        report=report, content_type=content_type, size=upload.size, sha256=digest.hexdigest()
    )
    photo.file.save(f"{secrets.token_hex(16)}.{extension}", upload, save=False)
    photo.save()
    transaction.on_commit(lambda: _enqueue_verification(photo.pk))
    return photo


def _enqueue_verification(photo_id: int) -> None:
    from ..tasks import verify_photo  # the tasks module imports this one

    verify_photo.enqueue(photo_id=photo_id)


def photo_verify(*, photo_id: int) -> ReportPhoto:
    """Decode the picture in the worker; keep it re-encoded without metadata, or mark it
    unreadable. Never raises for a bad file: a hostile upload only ends rejected."""
    from PIL import Image, ImageOps

    photo = ReportPhoto.objects.get(pk=photo_id)
    if photo.status != PhotoStatus.PENDING:
        return photo
    try:
        with photo.file.open("rb") as stored:
            data = stored.read()
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in FORMATS or image.width * image.height > MAX_PIXELS:
                raise ValueError(image.format)
            image.load()
            clean = ImageOps.exif_transpose(image)
            if clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            output = io.BytesIO()
            clean.save(output, format="JPEG", quality=85)
            width, height = clean.size
    except Exception:  # Pillow raises many kinds for a broken or hostile file
        photo.status = PhotoStatus.REJECTED
        photo.save(update_fields=["status"])
        return photo
    name = photo.file.name.rsplit(".", 1)[0] + ".jpg"
    old_name = photo.file.name
    photo.file.save(name.rsplit("/", 1)[-1], ContentFile(output.getvalue()), save=False)
    if photo.file.name != old_name:
        photo.file.storage.delete(old_name)
    photo.content_type = "image/jpeg"
    photo.size = len(output.getvalue())
    photo.width, photo.height = width, height
    photo.status = PhotoStatus.VERIFIED
    photo.save(update_fields=["file", "content_type", "size", "width", "height", "status"])
    return photo


@transaction.atomic
def photo_void(*, actor: Any, photo: ReportPhoto, reason: str) -> ReportPhoto:
    """Withdraw a photo from the report (kept on disk and in the record, never deleted)."""
    require(actor, INTAKE_HANDLE, photo.report.unit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写作废原因")})
    photo = ReportPhoto.objects.select_for_update().get(pk=photo.pk)
    if photo.is_void:
        return photo
    photo.voided_at, photo.voided_by, photo.void_reason = timezone.now(), actor, reason[:200]
    photo.save(update_fields=["voided_at", "voided_by", "void_reason"])
    ReportEvent.objects.create(
        report=photo.report, kind=EventKind.PHOTO_VOIDED, actor=actor, note=reason[:1000]
    )
    return photo
