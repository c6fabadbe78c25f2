"""Reads of the intake area: the queue, one report with its context, the public status."""

from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from shouwang.accounts.models import User
from shouwang.accounts.roles import ROLE_CAPABILITIES, Capability
from shouwang.checkpoints.models import Checkpoint, CheckpointStatus, Passage
from shouwang.checkpoints.selectors import passage_last_for_plate
from shouwang.people.models import Person
from shouwang.people.selectors import person_search
from shouwang.units.models import Unit, UnitKind
from shouwang.units.scoping import bureau_of, get_visible_or_404, scope_path_of

from .codes import normalize_tracking_code
from .models import GreenChannelMovement, Report, ReportEvent, ReportPhoto, Status
from .sla import overdue_condition

PLATE_PASSAGES = 10
PEOPLE_MATCHES = 10


def reports_listed(user: Any) -> QuerySet[Report]:
    """The reports the user may see: urgent first, then the oldest (filtered by
    `filters.ReportFilter`)."""
    return (
        Report.objects.visible_to(user)
        .select_related("unit", "handler")
        .order_by("-urgency", "received_at", "id")
    )


def report_for(user: Any, pk: Any) -> Report:
    """One report the user may see, or 404 (missing and out of reach alike)."""
    queryset = Report.objects.select_related(
        "unit", "handler", "merged_into", "created_by", "watch_record__person"
    )
    return get_visible_or_404(queryset, user, pk=pk)


def report_history(report: Report) -> list[ReportEvent]:
    return list(
        report.events.select_related("actor", "unit", "officer", "other").order_by("at", "id")
    )


def report_photos(report: Report) -> list[ReportPhoto]:
    return list(report.photos.all())


def report_duplicates(report: Report) -> list[Report]:
    return list(report.duplicates.select_related("unit").order_by("received_at"))


def overdue_count(user: Any, now: datetime | None = None) -> int:
    return Report.objects.visible_to(user).filter(overdue_condition(now)).count()


# --- the resident's view ------------------------------------------------------------------------


def public_status(code: str) -> dict[str, Any] | None:
    """What a resident reads by his code: status, the unit handling it, the published reply,
    when it last changed; nothing else. A merged report reads the report that answers it."""
    code = normalize_tracking_code(code)
    if not code:
        return None
    report = (
        Report.objects.select_related("merged_into__unit", "unit")
        .filter(tracking_code=code)
        .first()
    )
    if report is None:
        return None
    answering = report.merged_into or report
    updated = max(report.updated_at, answering.updated_at)
    return {
        "status": answering.status,
        "unit_name": answering.unit.name,
        "reply": answering.reply,
        "updated_at": updated,
    }


# --- context for verification -------------------------------------------------------------------


def plate_passages(user: Any, report: Report) -> list[Passage]:
    """The reported plate's last passages at the bureau's checkpoints."""
    if not report.plate:
        return []
    return passage_last_for_plate(user=user, plate=report.plate, limit=PLATE_PASSAGES)


def people_matching(user: Any, query: str) -> list[Person]:
    """Registry people the user may see whose name (either script), ID number or phone is
    the query; shown masked."""
    if not query.strip() or not user.has_capability(Capability.VIEW_PEOPLE):
        return []
    return list(person_search(user, query=query.strip())[:PEOPLE_MATCHES])


# --- choices of the forms -----------------------------------------------------------------------


def assignable_units(user: Any) -> QuerySet[Unit]:
    return (
        Unit.objects.visible_to(user)
        .filter(is_active=True)
        .exclude(kind=UnitKind.CHECKPOINT_POST)
        .order_by("path")
    )


def assignable_officers(user: Any) -> QuerySet[User]:
    """Active staff of the user's jurisdiction who may handle reports."""
    path = scope_path_of(user)
    if path is None:
        return User.objects.none()
    roles = [
        role
        for role, capabilities in ROLE_CAPABILITIES.items()
        if Capability.HANDLE_INTAKE in capabilities
    ]
    return (
        User.objects.filter(is_active=True, role__in=roles, unit__path__startswith=path)
        .select_related("unit")
        .order_by("unit__path", "username")
    )


def route_checkpoints(report: Report) -> QuerySet[Checkpoint]:
    """Checkpoints a green channel of this report may pass: the active ones of its bureau."""
    return (
        Checkpoint.objects.filter(
            status=CheckpointStatus.ACTIVE,
            unit__path__startswith=bureau_of(report.unit).path,
        )
        .select_related("unit")
        .order_by("unit__path", "name")
    )


def report_movements(report: Report) -> list[GreenChannelMovement]:
    return list(
        report.movements.prefetch_related(
            Prefetch("checkpoints", queryset=Checkpoint.objects.order_by("name"))
        ).order_by("-valid_from")
    )


def movements_at_checkpoint(
    checkpoint: Checkpoint, now: datetime | None = None
) -> QuerySet[GreenChannelMovement]:
    """Green channels in force whose route passes this checkpoint (its registration page)."""
    now = now or timezone.now()
    return (
        GreenChannelMovement.objects.filter(
            checkpoints=checkpoint,
            valid_from__lte=now,
            valid_to__gt=now,
            ended_at__isnull=True,
        )
        .select_related("report", "unit")
        .order_by("valid_to")
    )


def status_label(value: str) -> str:
    return str(Status(value).label)
