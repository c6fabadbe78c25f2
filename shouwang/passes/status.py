"""The one rule for what a pass is at a given instant, in Python and in SQL.

A pass is, in this order of precedence:

- 已吊销 (revoked) or 已换发 (superseded) once its stored status says so, whatever the date;
- 尚未生效 (not yet valid) before `valid_from`;
- 已过期 (expired) from `valid_to` on: validity starts inclusive and ends exclusive, so a pass
  "to 18:00" no longer holds at 18:00:00;
- 有效 (valid) otherwise.

`pass_status` judges one record, `period_status` the dates alone (a neighbour's signed token has
no record here), and `passes_with_status` / `passes_in_status` say the same of a queryset, from
the same conditions, so the list, its filter, the detail, the printed pass, the scanner, the API
and the export never disagree. Each caller judges at one instant (`now`) taken once per request.
"""

from datetime import datetime

from django.db import models
from django.db.models import Case, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import PassStatus

# The name of the annotation `passes_with_status` adds.
STATUS_ANNOTATION = "current_status"
_JUDGED_AT = "_passes_judged_at"


class PassState(models.TextChoices):
    VALID = "valid", _("有效")
    NOT_YET_VALID = "not_yet_valid", _("尚未生效")
    EXPIRED = "expired", _("已过期")
    REVOKED = "revoked", _("已吊销")
    SUPERSEDED = "superseded", _("已换发")


def period_status(valid_from: datetime, valid_to: datetime, *, now: datetime) -> PassState:
    """What the validity period alone says at `now`: [valid_from, valid_to)."""
    if now < valid_from:
        return PassState.NOT_YET_VALID
    if now >= valid_to:
        return PassState.EXPIRED
    return PassState.VALID


def pass_status(record, *, now: datetime) -> PassState:
    """The status of a pass at `now` (see the module's rule)."""
    if record.status == PassStatus.REVOKED:
        return PassState.REVOKED
    if record.status == PassStatus.SUPERSEDED:
        return PassState.SUPERSEDED
    return period_status(record.valid_from, record.valid_to, now=now)


def _conditions(now: datetime) -> list[tuple[PassState, Q]]:
    """Each status but "valid" with its condition, in the precedence of `pass_status`."""
    return [
        (PassState.REVOKED, Q(status=PassStatus.REVOKED)),
        (PassState.SUPERSEDED, Q(status=PassStatus.SUPERSEDED)),
        (PassState.NOT_YET_VALID, Q(valid_from__gt=now)),
        (PassState.EXPIRED, Q(valid_to__lte=now)),
    ]


def status_q(state: str, *, now: datetime) -> Q:
    """The condition a pass meets when `pass_status(pass, now=now) == state`."""
    conditions = _conditions(now)
    earlier = Q()
    for candidate, condition in conditions:
        if candidate == state:
            return condition & ~earlier if earlier else condition
        earlier |= condition
    if state == PassState.VALID:
        return ~earlier
    raise ValueError(f"unknown pass status {state!r}")


def passes_with_status(queryset: QuerySet, *, now: datetime) -> QuerySet:
    """The passes annotated with `current_status`, the value `pass_status` gives at `now`."""
    return queryset.annotate(
        **{
            STATUS_ANNOTATION: Case(
                *(
                    When(condition, then=Value(state.value))
                    for state, condition in _conditions(now)
                ),
                default=Value(PassState.VALID.value),
                output_field=models.CharField(),
            )
        }
    )


def passes_in_status(queryset: QuerySet, state: str, *, now: datetime) -> QuerySet:
    """The passes whose status at `now` is `state`; none for a value that is no status."""
    if state not in PassState.values:
        return queryset.none()
    return queryset.filter(status_q(state, now=now))


def judged_at(request) -> datetime:
    """The instant a page or an API response judges passes at, taken once per request: the
    rows it lists, the filter that chose them and the labels they show agree to the microsecond."""
    moment = getattr(request, _JUDGED_AT, None)
    if moment is None:
        moment = timezone.now()
        setattr(request, _JUDGED_AT, moment)
    return moment
