"""Reading passes, issuers and verification logs, always through the user's scope."""

from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from shouwang.shell.listing import filtered
from shouwang.units.scoping import bureau_of

from .filters import PassFilter
from .models import Pass, PassVerification, TrustedIssuer
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
