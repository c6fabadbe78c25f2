"""Service targets: the due times of a report, whether it is overdue, and the bureau's table.

Targets are per bureau, by type and urgency; a bureau that has not set one uses the default
below. The due times are fixed when a report is received, so changing a target later does not
move the goalposts of reports already waiting.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from shouwang.units.models import Unit
from shouwang.units.scoping import bureau_of

from .models import OPEN_STATUSES, ReportType, SlaTarget, Urgency

T, U = ReportType, Urgency
# (type, urgency): (minutes to assignment, hours to resolution)
DEFAULT_TARGETS: dict[tuple[str, str], tuple[int, int]] = {
    (T.HELP, U.URGENT): (5, 2),
    (T.HELP, U.NORMAL): (30, 24),
    (T.TIP, U.URGENT): (15, 12),
    (T.TIP, U.NORMAL): (60, 72),
    (T.GRIEVANCE, U.URGENT): (30, 24),
    (T.GRIEVANCE, U.NORMAL): (120, 168),
}


@dataclass(frozen=True)
class Target:
    type: str
    urgency: str
    assign_minutes: int
    resolve_hours: int
    is_default: bool

    @property
    def type_label(self) -> str:
        return str(ReportType(self.type).label)

    @property
    def urgency_label(self) -> str:
        return str(Urgency(self.urgency).label)


def targets_of(bureau: Unit) -> list[Target]:
    """The bureau's six targets, its own where set, the defaults elsewhere."""
    own = {(row.type, row.urgency): row for row in SlaTarget.objects.filter(unit=bureau)}
    targets = []
    for (report_type, urgency), (minutes, hours) in DEFAULT_TARGETS.items():
        row = own.get((report_type, urgency))
        targets.append(
            Target(
                type=report_type,
                urgency=urgency,
                assign_minutes=row.assign_minutes if row else minutes,
                resolve_hours=row.resolve_hours if row else hours,
                is_default=row is None,
            )
        )
    return targets


def target_for(unit: Unit, report_type: str, urgency: str) -> tuple[int, int]:
    """(minutes to assignment, hours to resolution) for a report handled by `unit`."""
    row = SlaTarget.objects.filter(unit=bureau_of(unit), type=report_type, urgency=urgency).first()
    if row is not None:
        return row.assign_minutes, row.resolve_hours
    return DEFAULT_TARGETS[(report_type, urgency)]


def due_times(
    unit: Unit, report_type: str, urgency: str, received_at: datetime
) -> tuple[datetime, datetime]:
    """When the report must be assigned and resolved: plain elapsed time, day and night alike
    (a call at 23:50 with 30 minutes to assignment is due at 00:20)."""
    minutes, hours = target_for(unit, report_type, urgency)
    return received_at + timedelta(minutes=minutes), received_at + timedelta(hours=hours)


def overdue_condition(now: datetime | None = None) -> Q:
    """Open reports past a due time: not yet assigned past the assignment target, or not yet
    closed past the resolution target."""
    now = now or timezone.now()
    return Q(status__in=list(OPEN_STATUSES)) & (
        Q(assigned_at__isnull=True, due_assign_at__lt=now) | Q(due_resolve_at__lt=now)
    )


def elapsed_seconds(start: datetime, end: datetime) -> int:
    """Whole seconds from `start` to `end`, never negative (a clock a little behind)."""
    return max(0, int((end - start).total_seconds()))
