"""Reading passes, issuers and verification logs, always through the user's scope."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from shouwang.identity import IdentityError, compact, parse_id_number, to_simplified
from shouwang.privacy.fields import blind_index

from .models import Pass, PassVerification, TrustedIssuer
from .services.keys import bureau_of


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def pass_search(
    user,
    *,
    status: str = "",
    query: str = "",
    plate: str = "",
    on: date | None = None,
    checkpoint_id: int | None = None,
) -> QuerySet[Pass]:
    passes = Pass.objects.visible_to(user).select_related("unit")
    if status:
        passes = passes.filter(status=status)
    query = to_simplified(query.strip())
    if query:
        matches = Q(enterprise_name__icontains=query) | Q(person_name__icontains=query)
        matches |= Q(credit_code=query.upper()) | Q(
            short_code=compact(query).replace("-", "").upper()
        )
        try:
            number = parse_id_number(query).number
        except IdentityError:
            pass
        else:
            matches |= Q(person_id_number_index=blind_index(number, purpose="id_number"))
        passes = passes.filter(matches)
    if plate.strip():
        passes = passes.filter(plates__contains=compact(plate).upper().replace("·", ""))
    if on is not None:
        start, end = day_bounds(on)
        passes = passes.filter(valid_from__lt=end, valid_to__gt=start)
    if checkpoint_id:
        through = Pass.checkpoints.through.objects
        # A pass naming no checkpoint holds at every checkpoint of its bureau.
        passes = passes.filter(
            Q(pk__in=through.filter(checkpoint_id=checkpoint_id).values("pass_id"))
            | ~Q(pk__in=through.values("pass_id"))
        )
    return passes.order_by("-issued_at", "-id")


def trusted_issuers_for(user) -> QuerySet[TrustedIssuer]:
    """The issuers the user's bureau trusts: registered at the bureau, read by every unit below."""
    unit = getattr(user, "unit", None)
    if unit is None:
        return TrustedIssuer.objects.none()
    return TrustedIssuer.objects.filter(unit=bureau_of(unit)).select_related("registered_by")


def verifications_at(
    user, *, checkpoint_id: int | None = None, result: str = "", on: date | None = None
) -> QuerySet[PassVerification]:
    log = PassVerification.objects.visible_to(user).select_related(
        "checkpoint", "verified_by", "pass_record"
    )
    if checkpoint_id:
        log = log.filter(checkpoint_id=checkpoint_id)
    if result:
        log = log.filter(result=result)
    if on is not None:
        start, end = day_bounds(on)
        log = log.filter(verified_at__gte=start, verified_at__lt=end)
    return log.order_by("-verified_at", "-id")
