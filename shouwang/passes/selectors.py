"""Reading passes, issuers and verification logs, always through the user's scope."""

from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from shouwang.shell.listing import filtered
from shouwang.units.scoping import bureau_of

from .filters import PassFilter
from .models import IssuerStatus, Pass, PassStatus, PassVerification, SigningKey, TrustedIssuer
from .status import passes_with_status


def passes_listed(user, *, now: datetime | None = None) -> QuerySet[Pass]:
    """The passes the user may see, latest first, each with its `current_status` at `now`
    (`status.passes_with_status`; filtered by `filters.PassFilter`)."""
    passes = Pass.objects.visible_to(user).select_related("unit").order_by("-issued_at", "-id")
    return passes_with_status(passes, now=now or timezone.now())


def pass_search(
    user,
    *,
    status: str = "",
    query: str = "",
    plate: str = "",
    on: date | None = None,
    checkpoint_id: int | None = None,
    now: datetime | None = None,
) -> QuerySet[Pass]:
    params = {"status": status, "q": query, "plate": plate, "on": on, "checkpoint": checkpoint_id}
    return filtered(PassFilter, passes_listed(user, now=now), params, user=user)


def trusted_issuers_for(user) -> QuerySet[TrustedIssuer]:
    """The issuers the user's bureau trusts: registered at the bureau, read by every unit below."""
    unit = getattr(user, "unit", None)
    if unit is None:
        return TrustedIssuer.objects.none()
    return TrustedIssuer.objects.filter(unit=bureau_of(unit)).select_related("registered_by")


def verifications_listed(user) -> QuerySet[PassVerification]:
    """The verifications the user may see, latest first (filtered by `filters.VerificationFilter`)."""
    log = PassVerification.objects.visible_to(user).select_related(
        "checkpoint", "verified_by", "pass_record"
    )
    return log.order_by("-verified_at", "-id")


def offline_material(user, *, now: datetime | None = None) -> dict:
    """What a checkpoint's phone keeps to verify scanned passes with no network (issue 18):
    the public keys of the bureau's own signing keys and of the issuers it trusts, and its
    revocation list (its passes revoked or superseded that would otherwise still be valid).
    Bureau-wide, as `pass_verify` judges a code against the checkpoint's bureau."""
    now = now or timezone.now()
    unit = getattr(user, "unit", None)
    if unit is None:
        return {"generated_at": now, "bureau": "", "keys": [], "revoked": []}
    bureau = bureau_of(unit)
    own = SigningKey.objects.filter(unit=bureau).order_by("id")
    trusted = TrustedIssuer.objects.filter(unit=bureau, status=IssuerStatus.ACTIVE).order_by("id")
    keys = [
        {"key_id": k.key_id, "public_key": k.public_key, "issuer_name": bureau.name, "own": True}
        for k in own
    ] + [
        {"key_id": t.key_id, "public_key": t.public_key, "issuer_name": t.name, "own": False}
        for t in trusted
    ]
    revoked = (
        Pass.objects.filter(
            signing_key__unit=bureau,
            status__in=(PassStatus.REVOKED, PassStatus.SUPERSEDED),
            valid_to__gt=now,
        )
        .order_by("short_code")
        .values("short_code", "status", "status_reason")
    )
    return {
        "generated_at": now,
        "bureau": bureau.name,
        "keys": keys,
        "revoked": [
            {"short_code": r["short_code"], "status": r["status"], "reason": r["status_reason"]}
            for r in revoked
        ],
    }
